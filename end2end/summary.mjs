// Prints the Playwright run as one plain closing line: "e2e: N passed, N failed[, N skipped]".
import { readFileSync } from 'node:fs';

const file = process.argv[2];
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (e) {
  console.log(`e2e: no report at ${file} (${e.message})`);
  process.exit(1);
}
const s = report.stats ?? {};
const failed = (s.unexpected ?? 0) + (s.flaky ?? 0);
const skipped = s.skipped ?? 0;
console.log(`e2e: ${s.expected ?? 0} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
