// Runs a TypeScript benchmark that boots the Nest API: Nest's injection needs
// decorator metadata, which tsx (esbuild) does not emit. Compiles .ts with
// @swc/core as the jest transform does, and maps the @laurel/* aliases.
const { join } = require('node:path');
const { transformSync } = require('@swc/core');
const { addHook } = require('pirates');
const { register } = require('tsconfig-paths');
const { compilerOptions } = require('../../tsconfig.json');

register({ baseUrl: join(__dirname, '..', '..'), paths: compilerOptions.paths });
addHook(
  (code, filename) =>
    transformSync(code, {
      filename,
      sourceMaps: 'inline',
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    }).code,
  { exts: ['.ts'], ignoreNodeModules: true },
);
