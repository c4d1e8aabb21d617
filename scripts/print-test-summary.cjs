// Prints jest's totals as one plain line ("Tests: N passed, N failed, N skipped"),
// read from the JSON report, so a CI that parses plain summaries can count them.
const { readFileSync } = require('node:fs');

const file = process.argv[2];
try {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const skipped = report.numPendingTests + report.numTodoTests;
  console.log(`Tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`);
} catch (error) {
  console.error(`no jest report at ${file}: ${error.message}`);
}
