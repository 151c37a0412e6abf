// Stories: deleting many snapshots at once. Rows have checkboxes; "Delete selected" lists what
// it deletes, then deletes one at a time and shows each one's progress. "Delete older than…"
// lists exactly the snapshots older than the days entered before it deletes anything.
import { expect, test, type Page } from '@playwright/test';
import { controlVisibility, openSnapshots, resetBackend, setHidden, SHOWN_TAKEN_ROWS, snapshotRow, watchForCrashes } from './helpers';

const backends = [
  { label: 'oVirt (XML)', query: 'backend=ovirt&format=xml', vm: 'db-primary', pick: ['snap-2', 'snap-10'], old: ['Snap-1 baseline', 'snap-2', 'Édition finale'] },
  { label: 'oVirt (JSON)', query: 'backend=ovirt&format=json', vm: 'db-primary', pick: ['snap-2', 'snap-10'], old: ['Snap-1 baseline', 'snap-2', 'Édition finale'] },
  { label: 'KubeVirt', query: 'backend=kubevirt', vm: 'rhel9-db', pick: ['rhel9-db-snap-2', 'rhel9-db-nightly-failed'], old: ['rhel9-db-snap-2'] },
];

/** Days from 2026-10-15 to now: "older than" these many days means taken before about then. */
function daysSinceMidOctober(): number {
  return Math.floor((Date.now() - Date.parse('2026-10-15T00:00:00Z')) / 86_400_000);
}

function deleteList(page: Page) {
  return page.getByRole('dialog').getByRole('list', { name: 'Snapshots to delete' }).getByRole('listitem');
}

for (const b of backends) {
  test.describe(`${b.label}: bulk delete`, () => {
    let problems: string[];
    test.beforeEach(async ({ page, request }) => {
      await resetBackend(request);
      problems = watchForCrashes(page);
    });
    test.afterEach(() => expect(problems).toEqual([]));

    test('checked rows are deleted after a summary, with progress per snapshot', async ({ page }) => {
      await openSnapshots(page, b.query, b.vm);
      const button = page.getByRole('button', { name: /^Delete selected/ });
      await expect(button).toHaveAttribute('aria-disabled', 'true');
      for (const name of b.pick) await page.getByRole('checkbox', { name: `Select ${name}` }).check();
      await expect(button).toHaveText('Delete selected (2)');
      await button.click();
      const dialog = page.getByRole('dialog', { name: `Delete snapshots of ${b.vm}` });
      await expect(dialog).toContainText(`2 snapshots of ${b.vm} will be deleted, one at a time.`);
      await expect(deleteList(page)).toHaveCount(2);
      for (const name of b.pick) await expect(deleteList(page).filter({ hasText: name })).toHaveCount(1);
      await dialog.getByRole('button', { name: 'Delete 2 snapshots' }).click();
      await expect(deleteList(page).first()).toContainText(/Deleting…|Deleted/);
      await expect(dialog.getByText('2 of 2 deleted.')).toBeVisible({ timeout: 40_000 });
      await expect(deleteList(page).filter({ hasText: 'Deleted' })).toHaveCount(2);
      await dialog.getByRole('button', { name: 'Done' }).click();
      for (const name of b.pick) await expect(snapshotRow(page, name)).toHaveCount(0);
      await expect(button).toHaveText('Delete selected');
    });

    test('while the page is hidden, a bulk delete asks the backend nothing, and goes on once it is shown', async ({ page }) => {
      await controlVisibility(page);
      await openSnapshots(page, b.query, b.vm);
      // The API reads and writes from here on (a watch's events are not asks).
      const asked: string[] = [];
      page.on('request', (r) => {
        const url = new URL(r.url());
        if (/^\/(ovirt-engine|apis)\//.test(url.pathname) && !url.searchParams.has('watch')) asked.push(`${r.method()} ${url.pathname}${url.search}`);
      });
      for (const name of b.pick) await page.getByRole('checkbox', { name: `Select ${name}` }).check();
      await page.getByRole('button', { name: 'Delete selected (2)' }).click();
      const dialog = page.getByRole('dialog', { name: `Delete snapshots of ${b.vm}` });
      await dialog.getByRole('button', { name: 'Delete 2 snapshots' }).click();
      await expect(deleteList(page).first()).toContainText(/Deleting…|Deleted/);
      // The admin switches to another browser tab for 4 s, before the deletes are over: one ask may
      // have been on its way.
      await setHidden(page, true);
      await expect(dialog.getByText('2 of 2 deleted.')).toHaveCount(0);
      const hiddenAt = asked.length;
      await page.waitForTimeout(4_000);
      expect(asked.slice(hiddenAt).length, asked.slice(hiddenAt).join(', ')).toBeLessThanOrEqual(1);
      // Back to it: the deletes go on to the end.
      await setHidden(page, false);
      await expect(dialog.getByText('2 of 2 deleted.')).toBeVisible({ timeout: 40_000 });
      expect(asked.filter((a) => a.startsWith('DELETE '))).toHaveLength(2);
      await dialog.getByRole('button', { name: 'Done' }).click();
      for (const name of b.pick) await expect(snapshotRow(page, name)).toHaveCount(0);
    });

    test('the header checkbox selects every snapshot on the page, and shows a partial choice', async ({ page }) => {
      await openSnapshots(page, b.query, b.vm);
      const all = page.getByRole('checkbox', { name: 'Select all snapshots on this page' });
      await page.getByRole('checkbox', { name: `Select ${b.pick[0]}` }).check();
      expect(await all.evaluate((el: HTMLInputElement) => el.indeterminate)).toBe(true);
      await all.check();
      const rows = page.getByRole('grid', { name: 'Snapshots' }).locator(SHOWN_TAKEN_ROWS);
      const count = await rows.count();
      await expect(page.getByRole('button', { name: `Delete selected (${count})` })).toBeVisible();
      await all.uncheck();
      await expect(page.getByRole('button', { name: 'Delete selected', exact: true })).toBeVisible();
    });

    test('"Delete older than…" lists exactly what it deletes, then deletes it', async ({ page }) => {
      await openSnapshots(page, b.query, b.vm);
      await page.getByRole('button', { name: 'Delete older than…' }).click();
      const dialog = page.getByRole('dialog', { name: `Delete old snapshots of ${b.vm}` });
      const days = dialog.getByLabel('Older than (days)');
      await expect(days).toHaveValue('30');
      await days.fill('100000');
      await expect(dialog.getByText('No snapshot is that old: nothing would be deleted.')).toBeVisible();
      await expect(dialog.getByRole('button', { name: /^Delete/ })).toBeDisabled();
      await days.fill(String(daysSinceMidOctober()));
      // Oldest first, and only those.
      await expect(deleteList(page).locator('.vms-bulk-name')).toHaveText(b.old);
      const n = b.old.length;
      await dialog.getByRole('button', { name: n === 1 ? 'Delete 1 snapshot' : `Delete ${n} snapshots` }).click();
      await expect(dialog.getByText(`${n} of ${n} deleted.`)).toBeVisible({ timeout: 40_000 });
      await dialog.getByRole('button', { name: 'Done' }).click();
      for (const name of b.old) await expect(snapshotRow(page, name)).toHaveCount(0);
    });
  });
}
