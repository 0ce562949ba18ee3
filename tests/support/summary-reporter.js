// Ends every jest run with one plain line, "tests: N passed, N failed, N skipped", that CI
// reads as the run's result. It goes to stderr after jest's own summary, so it is the last line.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests: passed, numFailedTests: failed, numPendingTests: skipped, numTodoTests: todo } = results;
    process.stderr.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped + todo} skipped\n`);
  }
}
module.exports = SummaryReporter;
