// Prints jest's totals as one plain line ("Tests: N passed, N failed, N skipped"),
// read from the JSON reports (one per jest run), so a CI that parses plain summaries can count them.
const { readFileSync } = require('node:fs');

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  try {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
  } catch (error) {
    console.error(`no jest report at ${file}: ${error.message}`);
    failed += 1;
  }
}
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
