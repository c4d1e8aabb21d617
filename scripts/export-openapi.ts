// Writes the API's OpenAPI document as JSON, for the web app's generated
// client (openapi-typescript):
//
//   npx tsx scripts/export-openapi.ts <out.json>
//
// Builds the Nest app without listening, on stand-ins for Temporal, the
// stores, the directory and the read models that throw if anything calls them:
// building the document reads decorators only. Keys are sorted, so the same
// code gives the same bytes. Prints nothing but errors.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { resolve } from 'node:path';
import { transformSync } from '@swc/core';
import type * as CreateApiApp from '../apps/api/src/create-api-app';
import type * as OpenApiDocument from '../apps/api/src/openapi-document';
import type { ApiDeps } from '../apps/api/src/api-deps';
import type * as Config from '../infra/config/config';

type CompileHook = (module: { _compile(code: string, filename: string): void }, filename: string) => void;

/**
 * Nest finds a constructor's dependencies in decorator metadata, which tsx
 * (esbuild) does not emit: TypeScript files are compiled by swc instead, with
 * the options jest uses. tsx still resolves the path aliases.
 */
function compileTypeScriptWithDecoratorMetadata(): void {
  const extensions = (Module as unknown as { _extensions: Record<string, CompileHook> })._extensions;
  extensions['.ts'] = (module, filename) => {
    const { code } = transformSync(readFileSync(filename, 'utf8'), {
      filename,
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    });
    module._compile(code, filename);
  };
}

/** Nest looks for these on every provider; a stand-in has none. */
const LIFECYCLE_HOOKS = new Set([
  'onModuleInit',
  'onApplicationBootstrap',
  'onModuleDestroy',
  'beforeApplicationShutdown',
  'onApplicationShutdown',
]);

/** An object whose every property access throws: what the document must never touch. */
function unusable<T>(name: string, present: Record<string, unknown> = {}): T {
  return new Proxy(present, {
    get(target, key) {
      if (typeof key === 'symbol' || key === 'then' || LIFECYCLE_HOOKS.has(key)) return undefined;
      if (key in target) return target[key];
      throw new Error(`export-openapi: ${name}.${key} was used while building the document`);
    },
  }) as T;
}

async function main(): Promise<void> {
  const out = process.argv[2];
  if (out === undefined) throw new Error('usage: npx tsx scripts/export-openapi.ts <out.json>');
  compileTypeScriptWithDecoratorMetadata();
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded after the compile hook above, on purpose */
  const { createApiApp } = require('../apps/api/src/create-api-app') as typeof CreateApiApp;
  const { buildOpenApiDocument, stableOpenApiJson } =
    require('../apps/api/src/openapi-document') as typeof OpenApiDocument;
  const { loadConfig } = require('../infra/config/config') as typeof Config;
  /* eslint-enable @typescript-eslint/no-require-imports */

  // A throwaway key: no token is ever signed here, but embedded mode needs one to start.
  const config = loadConfig({ AUTH_JWT_SECRET: randomBytes(32).toString('base64url'), LOG_LEVEL: 'silent' });
  const deps: ApiDeps = {
    config,
    stores: unusable('stores'),
    // The codec controller reads the client's payload codecs when it is built.
    temporal: unusable('temporal', { options: { loadedDataConverter: { payloadCodecs: [] } } }),
    directory: unusable('directory'),
    readModels: unusable('readModels'),
  };
  const app = await createApiApp(deps);
  try {
    writeFileSync(resolve(out), stableOpenApiJson(buildOpenApiDocument(app)));
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
