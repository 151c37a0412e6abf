// The benchmark (not a test): prints figures for the 2,000-snapshot VM on each backend.
// Usage: node end2end/bench.mjs URL   (the development backend serving a release build)
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://127.0.0.1:18282';
const cases = [
  ['oVirt XML', 'backend=ovirt&format=xml', '/vms/b7c8d9e0-f1a2-4b3c-8d4e-5f6a7b8c9d0e/snapshots'],
  ['oVirt JSON', 'backend=ovirt&format=json', '/vms/b7c8d9e0-f1a2-4b3c-8d4e-5f6a7b8c9d0e/snapshots'],
  ['KubeVirt', 'backend=kubevirt', '/vms/archive-vm/snapshots'],
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

/** In the page: clicks the Date column title and waits until the first row changes; ms. */
async function timeSort(page) {
  return page.evaluate(async () => {
    const first = () => document.querySelector('table[aria-label="Snapshots"] tbody tr td a')?.textContent;
    const before = first();
    const t0 = performance.now();
    document.querySelectorAll('th button')[1].click();
    while (first() === before || !first()) {
      if (performance.now() - t0 > 20000) return NaN;
      await new Promise((r) => setTimeout(r, 1));
    }
    return performance.now() - t0;
  });
}

/** In the page: sets the text filter and waits until the table shows `rows` rows; ms. */
async function timeFilter(page, text, rows) {
  return page.evaluate(
    async ([text, rows]) => {
      const count = () => document.querySelectorAll('table[aria-label="Snapshots"] tbody tr').length;
      const input = document.querySelector('input[type=search]');
      const t0 = performance.now();
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      while (count() !== rows) {
        if (performance.now() - t0 > 20000) return NaN;
        await new Promise((r) => setTimeout(r, 1));
      }
      return performance.now() - t0;
    },
    [text, rows],
  );
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const [label, query, path] of cases) {
  const page = await browser.newPage();
  const t0 = Date.now();
  await page.goto(`${base}${path}?${query}`);
  await page.waitForSelector('table[aria-label="Snapshots"] tbody tr td a');
  const firstTable = Date.now() - t0;
  const sorts = [];
  const filters = [];
  for (let i = 0; i < 5; i++) {
    sorts.push(await timeSort(page));
    filters.push(i % 2 === 0 ? await timeFilter(page, '1999', 1) : await timeFilter(page, '', 20));
  }
  console.log(
    `${label.padEnd(10)} first table ${String(firstTable).padStart(5)} ms | click Date → re-sorted ${median(sorts).toFixed(0).padStart(4)} ms (median of 5) | filter → filtered ${median(filters).toFixed(0).padStart(4)} ms (median of 5)`,
  );
  await page.close();
}
await browser.close();
