// Resolves the @laurel/* path aliases for the compiled build in dist/: tsc keeps
// alias imports as written, so `node -r ./scripts/register-dist-paths.cjs
// dist/apps/.../main.js` maps them to dist/ with the same list as tsconfig.json.
const { join } = require('node:path');
const { register } = require('tsconfig-paths');
const { compilerOptions } = require('../tsconfig.json');

const paths = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, targets]) => [alias, targets.map((t) => t.replace(/\.ts$/, ''))]),
);
register({ baseUrl: join(__dirname, '..', 'dist'), paths });
