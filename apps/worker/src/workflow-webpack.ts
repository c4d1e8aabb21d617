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
