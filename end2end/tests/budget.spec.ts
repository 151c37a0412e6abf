// Stories: a good API citizen. Taking one snapshot of oVirt's 2,000-snapshot VM costs at most
// two whole snapshot lists and under 10 MB in all: the engine answers the POST with the new
// snapshot, the tab follows it and the VM by themselves while it is in progress, and reads the
// whole list once, when it has settled. (A whole list of that VM is 5.6 MB of XML.)
import { expect, test, type Response } from '@playwright/test';
import { openSnapshots, resetBackend, snapshotRow } from './helpers';

test.beforeEach(async ({ request }) => resetBackend(request));

for (const b of [
  { label: 'oVirt (XML)', query: 'backend=ovirt&format=xml' },
  { label: 'oVirt (JSON)', query: 'backend=ovirt&format=json' },
]) {
  test(`${b.label}: one snapshot of the 2,000-snapshot VM costs at most 2 whole lists and under 10 MB`, async ({ page }) => {
    test.setTimeout(60_000);
    await openSnapshots(page, b.query, 'archive-vm');
    await expect(page.getByText('1 - 20 of 2000')).toBeVisible();
    await page.getByRole('searchbox', { name: 'Filter by name or description' }).fill('budget-check');

    const wholeLists: string[] = [];
    const smallAsks: string[] = [];
    const sizes: Promise<number>[] = [];
    page.on('response', (r: Response) => {
      const path = new URL(r.url()).pathname;
      if (!path.startsWith('/ovirt-engine/api')) return;
      sizes.push(r.body().then((body) => body.length, () => 0));
      if (r.request().method() !== 'GET') return;
      if (/\/vms\/[^/]+\/snapshots$/.test(path)) wholeLists.push(r.url());
      else if (/\/vms\/[^/]+\/snapshots\/[^/]+$/.test(path)) smallAsks.push(r.url());
    });

    await page.getByRole('button', { name: 'Take snapshot' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Take snapshot of archive-vm' });
    await dialog.getByLabel('Name').fill('budget-check');
    await dialog.getByRole('button', { name: 'Take snapshot' }).click();
    await expect(dialog).toBeHidden();
    const row = snapshotRow(page, 'budget-check');
    await expect(row.locator('[data-status]')).toHaveAttribute('data-status', 'OK', { timeout: 20_000 });
    // The whole list once when it has settled, and then nothing until the next refresh.
    await expect.poll(() => wholeLists.length).toBeGreaterThanOrEqual(1);
    await page.waitForTimeout(2_000);

    const bytes = (await Promise.all(sizes)).reduce((a, n) => a + n, 0);
    console.log(
      `budget: ${b.label}: ${wholeLists.length} whole lists, ${smallAsks.length} single-snapshot asks, ` +
        `${(bytes / 1e6).toFixed(2)} MB in all`,
    );
    expect(wholeLists.length).toBeLessThanOrEqual(2);
    expect(smallAsks.length).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(10_000_000);
  });
}
