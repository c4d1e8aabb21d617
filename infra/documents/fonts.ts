import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Tinos (metric-compatible with Times New Roman, full Vietnamese) ships in the
 * repository, so a PDF never depends on the fonts of the machine that builds
 * it: the same record gives the same glyphs and the same bytes anywhere.
 * Looked up beside the source, then beside the compiled file (dist/ does not
 * copy non-TypeScript files).
 */
function fontsDir(): string {
  const here = join(__dirname, 'fonts');
  try {
    readFileSync(join(here, 'LICENSE'));
    return here;
  } catch {
    return join(__dirname, '..', '..', '..', 'infra', 'documents', 'fonts');
  }
}

export interface DocumentFonts {
  readonly regular: Buffer;
  readonly bold: Buffer;
  readonly italic: Buffer;
  readonly boldItalic: Buffer;
}

let loaded: DocumentFonts | undefined;

export function documentFonts(): DocumentFonts {
  if (!loaded) {
    const dir = fontsDir();
    loaded = {
      regular: readFileSync(join(dir, 'Tinos-Regular.ttf')),
      bold: readFileSync(join(dir, 'Tinos-Bold.ttf')),
      italic: readFileSync(join(dir, 'Tinos-Italic.ttf')),
      boldItalic: readFileSync(join(dir, 'Tinos-BoldItalic.ttf')),
    };
  }
  return loaded;
}
