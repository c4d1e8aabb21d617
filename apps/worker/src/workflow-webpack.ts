import { join } from 'node:path';
import { TsconfigPathsPlugin } from 'tsconfig-paths-webpack-plugin';
import type { BundleOptions } from '@temporalio/worker';

type WebpackConfigHook = NonNullable<BundleOptions['webpackConfigHook']>;

/** tsconfig.json at the repository root: the single home of the `@laurel/*` aliases. */
export const rootTsconfig = join(__dirname, '..', '..', '..', 'tsconfig.json');

/**
 * Temporal's workflow bundler (webpack) ignores tsconfig `paths`, so workflow code
 * importing `@laurel/domain` would not resolve. Every bundle (the worker bundling
 * from source, the production build in scripts/bundle-workflows.ts, tests, replay,
 * benchmarks) goes through this hook so that they all resolve aliases alike.
 */
export const workflowWebpackConfigHook: WebpackConfigHook = (config) => {
  const resolve = config.resolve ?? {};
  return {
    ...config,
    resolve: {
      ...resolve,
      plugins: [...(resolve.plugins ?? []), new TsconfigPathsPlugin({ configFile: rootTsconfig, silent: true })],
    },
  };
};

const INLINE_SOURCE_MAP = '//# sourceMappingURL=data:application/json;';
const BASE64 = 'base64,';

/**
 * The SDK's bundler inlines a source map that carries every module's source text
 * (about 0.9 MB of the 2.7 MB bundle). A worker parses it in each thread but reads
 * the texts only when `showStackTraceSources` is on, which Laurel never sets; the
 * mappings stay, so workflow stack traces still name the TypeScript file and line.
 * Measured: about 10 MB less RSS for an idle worker.
 */
export function withoutSourceTexts(code: string): string {
  const at = code.lastIndexOf(INLINE_SOURCE_MAP);
  const data = code.indexOf(BASE64, at);
  if (at < 0 || data < 0) throw new Error('workflow bundle: no inline source map to trim');
  const map = JSON.parse(Buffer.from(code.slice(data + BASE64.length).trim(), 'base64').toString('utf8')) as {
    sourcesContent?: unknown;
  };
  delete map.sourcesContent;
  return `${code.slice(0, data + BASE64.length)}${Buffer.from(JSON.stringify(map)).toString('base64')}\n`;
}
