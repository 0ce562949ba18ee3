// Sums up a jest run in one plain line, "tests: N passed, N failed, N skipped", printed and
// kept in test-artifacts/summary.txt so .ci/run can end its output with it (jest's own last
// line is "Ran all test suites", which CI does not read as a result).
const fs = require('node:fs');
const path = require('node:path');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests: passed, numFailedTests: failed, numPendingTests: skipped, numTodoTests: todo } = results;
    const line = `tests: ${passed} passed, ${failed} failed, ${skipped + todo} skipped`;
    process.stderr.write(`\n${line}\n`);
    const dir = path.resolve(__dirname, '..', '..', 'test-artifacts');
    fs.mkdirSync(dir, { recursive: true });
    fs.appendFileSync(path.join(dir, 'summary.txt'), `${line}\n`);
  }
}
module.exports = SummaryReporter;
