// Runs outside the test module registry, so only relative imports work here.
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(__dirname, '..', '..', '..');

/** Pino's levels: warn and above are what explain a browser test that waited in vain. */
const WARN = 40;
const ERROR = 50;
const SHOWN = 15;

/**
 * The stack's warnings and errors, last ones first cut to a line each: the data
 * folder (and its laurel.log) is deleted next, and a failed browser test says
 * only what the page did not show.
 */
async function reportStackLog(dataDir: string): Promise<void> {
  let text: string;
  try {
    text = await readFile(join(dataDir, 'laurel.log'), 'utf8');
  } catch {
    return;
  }
  const notable: string[] = [];
  let errors = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    let entry: {
      level?: number;
      time?: number | string;
      msg?: string;
      err?: { message?: string };
      context?: string;
      req?: { method?: string; url?: string };
      res?: { statusCode?: number };
    };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      continue;
    }
    if ((entry.level ?? 0) < WARN) continue;
    if ((entry.level ?? 0) >= ERROR) errors++;
    const at = typeof entry.time === 'number' ? new Date(entry.time).toISOString() : String(entry.time ?? '');
    const request = entry.req
      ? `${entry.req.method ?? ''} ${entry.req.url ?? ''} → ${entry.res?.statusCode ?? '?'}`
      : '';
    const what = [entry.context, entry.msg, request, entry.err?.message].filter(Boolean).join(' | ');
    notable.push(`  ${at} ${entry.level! >= ERROR ? 'ERROR' : 'WARN '} ${what}`.slice(0, 300));
  }
  process.stdout.write(
    `\nbrowser stack log: ${notable.length - errors} warnings, ${errors} errors` +
      (notable.length > 0
        ? `; the last ${Math.min(SHOWN, notable.length)}:\n${notable.slice(-SHOWN).join('\n')}\n`
        : '\n'),
  );
}

export default async function webStackTeardown(): Promise<void> {
  const dataDir = process.env.LAUREL_WEB_DATA_DIR;
  if (!dataDir) return;
  const { env } = JSON.parse(await readFile(join(dataDir, 'web-stack.json'), 'utf8')) as { env: NodeJS.ProcessEnv };
  await run(join(root, 'scripts', 'stack.sh'), ['down'], { env, cwd: root }).catch(() => undefined);
  await reportStackLog(dataDir);
  await rm(dataDir, { recursive: true, force: true });
}
