#!/usr/bin/env node
// `laurel` as an installed command (`npm link`): runs the TypeScript entry point through tsx.
require('tsx/cjs/api').register();
const { main } = require('../src/main.ts');
main(process.argv).then((code) => {
  process.exitCode = code;
});
