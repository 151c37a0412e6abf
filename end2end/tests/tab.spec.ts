// Stories: an admin finds snapshots in the Snapshots tab: sorting, filtering, the URL keeping
// both, the details view, and the kebab saying what it cannot do and why.
import { expect, test } from '@playwright/test';
import { openSnapshots, resetBackend, snapshotNames, watchForCrashes } from './helpers';

/** oVirt's seed, as either format shows it. */
const ovirt = (label: string, query: string) => ({
  label,
  query,
  vm: 'db-primary',
  schedule: 'weekly backup',
  byName: ['Édition finale', 'Snap-1 baseline', 'snap-2', 'snap-10'],
  byDate: ['Snap-1 baseline', 'snap-2', 'Édition finale', 'snap-10'],
  details: { snapshot: 'snap-2', disks: ['db-primary_Disk1', 'db-primary_Disk2'] },
  // A kebab item that is disabled, and why.
  disabled: { vm: 'web-frontend', snapshot: 'post-patch', why: 'Stop the VM to restore.' },
  archive: 'archive-',
});

const backends = [
  ovirt('oVirt (XML)', 'backend=ovirt&format=xml'),
  ovirt('oVirt (JSON)', 'backend=ovirt&format=json'),
  {
    label: 'KubeVirt',
    query: 'backend=kubevirt',
    vm: 'rhel9-db',
    schedule: 'weekly-backup',
    byName: ['rhel9-db-nightly-failed', 'rhel9-db-snap-2', 'rhel9-db-snap-10'],
    byDate: ['rhel9-db-snap-2', 'rhel9-db-snap-10', 'rhel9-db-nightly-failed'],
    details: { snapshot: 'rhel9-db-snap-2', disks: ['rootdisk', 'pgdata'] },
    // KubeVirt restores a running VM too (stopping it first, once confirmed).
    disabled: {
      vm: 'rhel9-db',
      snapshot: 'rhel9-db-nightly-failed',
      why: 'The snapshot failed: nothing can be made from it.',
    },
    archive: 'archive-vm-',
  },
];


test.beforeEach(async ({ request }) => resetBackend(request));

for (const b of backends) {
  test.describe(b.label, () => {
    test('the list is by name at first; Date sorts by date and again reverses it; scheduled rows stay on top', async ({ page }) => {
      const crashes = watchForCrashes(page);
      await openSnapshots(page, b.query, b.vm);
      await expect.poll(() => snapshotNames(page)).toEqual([b.schedule, ...b.byName]);
      const name = page.getByRole('columnheader', { name: /Name/ });
      const date = page.getByRole('columnheader', { name: /Date/ });
      await expect(name).toHaveAttribute('aria-sort', 'ascending');

      await date.getByRole('button').click();
      await expect(date).toHaveAttribute('aria-sort', 'ascending');
      await expect(name).toHaveAttribute('aria-sort', 'none');
      await expect.poll(() => snapshotNames(page)).toEqual([b.schedule, ...b.byDate]);

      await date.getByRole('button').click();
      await expect(date).toHaveAttribute('aria-sort', 'descending');
      await expect.poll(() => snapshotNames(page)).toEqual([b.schedule, ...[...b.byDate].reverse()]);

      await name.getByRole('button').click();
      await name.getByRole('button').click();
      await expect(name).toHaveAttribute('aria-sort', 'descending');
      await expect.poll(() => snapshotNames(page)).toEqual([b.schedule, ...[...b.byName].reverse()]);
      expect(crashes).toEqual([]);
    });

    test('Taken hides the scheduled rows, Scheduled hides the taken ones, with counts', async ({ page }) => {
      await openSnapshots(page, b.query, b.vm);
      const taken = page.getByRole('button', { name: /^Taken/ });
      const scheduled = page.getByRole('button', { name: /^Scheduled/ });
      await expect(taken).toContainText(String(b.byName.length));
      await expect(scheduled).toContainText('1');
      await scheduled.click(); // scheduled off: taken only
      await expect.poll(() => snapshotNames(page)).toEqual(b.byName);
      await expect(page).toHaveURL(/show=taken/);
      await scheduled.click(); // both again
      await taken.click(); // taken off: scheduled only
      await expect.poll(() => snapshotNames(page)).toEqual([b.schedule]);
      await expect(page).toHaveURL(/show=scheduled/);
      // Back goes to the previous filter.
      await page.goBack();
      await expect.poll(() => snapshotNames(page)).toEqual([b.schedule, ...b.byName]);
    });

    test('sort, direction and filters survive a reload, and a text filter that matches nothing offers to clear it', async ({ page }) => {
      await openSnapshots(page, b.query, b.vm);
      await page.getByRole('columnheader', { name: /Date/ }).getByRole('button').click();
      await page.getByRole('columnheader', { name: /Date/ }).getByRole('button').click();
      await page.getByRole('button', { name: /^Scheduled/ }).click();
      // The reload waits for the URL to say all three, as a person sees the table say them.
      await expect(page).toHaveURL(/(?=.*sort=date)(?=.*dir=desc)(?=.*show=taken)/);
      await page.reload();
      await expect(page.getByRole('columnheader', { name: /Date/ })).toHaveAttribute('aria-sort', 'descending');
      await expect.poll(() => snapshotNames(page)).toEqual([...b.byDate].reverse());

      await page.getByRole('searchbox', { name: 'Filter by name or description' }).fill('no such snapshot');
      await expect(page.getByRole('heading', { name: 'No snapshots match the filter' })).toBeVisible();
      await page.getByRole('button', { name: 'Clear all filters' }).click();
      await expect.poll(() => snapshotNames(page)).toEqual([b.schedule, ...[...b.byDate].reverse()]);
    });

    test('Back pressed in the same moment as a sort undoes that sort, and stays in the tab', async ({ page }) => {
      const crashes = watchForCrashes(page);
      await openSnapshots(page, b.query, b.vm);
      const date = page.getByRole('columnheader', { name: /Date/ });
      await expect(date).toHaveAttribute('aria-sort', 'none');
      // The click and Back in the same moment: nothing waited for, not the table, not the URL.
      await page.evaluate(() => {
        const th = [...document.querySelectorAll('th')].find((h) => h.textContent?.trim().startsWith('Date'));
        th!.querySelector('button')!.click();
        history.back();
      });
      await expect(page).toHaveURL(/\/snapshots(\?|$)/);
      await expect(page).not.toHaveURL(/sort=date/);
      await expect(date).toHaveAttribute('aria-sort', 'none');
      await expect.poll(() => snapshotNames(page)).toEqual([b.schedule, ...b.byName]);
      await page.goForward();
      await expect(date).toHaveAttribute('aria-sort', 'ascending');
      await expect.poll(() => snapshotNames(page)).toEqual([b.schedule, ...b.byDate]);
      expect(crashes).toEqual([]);
    });

    test('each sort is a step of the history, however fast the clicks, and a typed filter belongs to its step: Back and Forward go through them', async ({ page }) => {
      await openSnapshots(page, b.query, b.vm);
      const date = page.getByRole('columnheader', { name: /Date/ });
      const button = date.getByRole('button');
      // Two clicks in a row, without waiting for the table in between.
      await button.click();
      await button.click();
      await expect(date).toHaveAttribute('aria-sort', 'descending');
      await expect(page).toHaveURL(/dir=desc/);
      const search = page.getByRole('searchbox', { name: 'Filter by name or description' });
      await search.pressSequentially(b.details.snapshot.slice(0, 4));
      // The URL follows the table at once (the next story presses Back without waiting).
      await expect(page).toHaveURL(new RegExp(`q=${b.details.snapshot.slice(0, 4)}`));
      await page.goBack();
      await expect(search).toHaveValue('');
      await expect(date).toHaveAttribute('aria-sort', 'ascending');
      await expect.poll(() => snapshotNames(page)).toEqual([b.schedule, ...b.byDate]);
      await page.goBack();
      await expect(date).toHaveAttribute('aria-sort', 'none');
      await expect.poll(() => snapshotNames(page)).toEqual([b.schedule, ...b.byName]);
      await page.goForward();
      await expect(date).toHaveAttribute('aria-sort', 'ascending');
      await expect(search).toHaveValue('');
      await page.goForward();
      await expect(date).toHaveAttribute('aria-sort', 'descending');
      await expect(search).toHaveValue(b.details.snapshot.slice(0, 4));
      await expect.poll(() => snapshotNames(page)).toContain(b.details.snapshot);
      expect(await snapshotNames(page)).not.toContain(b.schedule);
    });

    test('a sort, then the Overview tab before the sort is in the URL: the page stays on the Overview', async ({ page }) => {
      await openSnapshots(page, b.query, b.vm);
      // Both clicks in one go, before the browser is idle and writes the sort to the URL.
      await page.evaluate(() => {
        const buttons = [...document.querySelectorAll('th button')] as HTMLElement[];
        buttons.find((x) => x.textContent?.trim().startsWith('Date'))?.click();
        const tabs = [...document.querySelectorAll('[role=tab]')] as HTMLElement[];
        tabs.find((x) => x.textContent?.trim() === 'Overview')?.click();
      });
      await expect(page.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');
      // Longer than the URL can wait for the browser to be idle (100 ms).
      await page.waitForTimeout(500);
      await expect(page.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');
      expect(new URL(page.url()).pathname).not.toMatch(/\/snapshots/);
    });

    test('a name opens the details view with the disks of that snapshot, and Back keeps the list as it was', async ({ page }) => {
      await openSnapshots(page, b.query, b.vm);
      await page.getByRole('columnheader', { name: /Date/ }).getByRole('button').click();
      await page.getByRole('link', { name: b.details.snapshot, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`/snapshots/[^/?]+\\?.*sort=date`));
      await expect(page.getByRole('heading', { name: b.details.snapshot })).toBeVisible();
      const disks = page.getByRole('grid', { name: 'Disks in the snapshot' });
      for (const d of b.details.disks) {
        await expect(disks.getByRole('cell', { name: d, exact: true })).toBeVisible();
      }
      await page.getByRole('link', { name: '← Back to snapshots' }).click();
      await expect(page.getByRole('columnheader', { name: /Date/ })).toHaveAttribute('aria-sort', 'ascending');
    });

    test('the schedule row opens its details: rule, next run, kept instances', async ({ page }) => {
      await openSnapshots(page, b.query, b.vm);
      await page.getByRole('link', { name: b.schedule, exact: true }).click();
      const details = page.getByRole('definition');
      await expect(page.getByText('Weekly on Friday')).toBeVisible();
      await expect(details.filter({ hasText: 'The last 4' })).toBeVisible();
      await expect(details.filter({ hasText: '0 2 * * 5 (Europe/Prague)' })).toBeVisible();
    });

    test(`a disabled kebab item says why: ${b.disabled.why}`, async ({ page }) => {
      await openSnapshots(page, b.query, b.disabled.vm);
      await page.getByRole('button', { name: `Actions for ${b.disabled.snapshot}` }).click();
      const restore = page.getByRole('menuitem', { name: /Restore/ });
      await expect(restore).toHaveAttribute('aria-disabled', 'true');
      await expect(restore).toContainText(b.disabled.why);
      await expect(restore).toHaveAttribute('title', b.disabled.why);
      // Clicking it does nothing.
      await restore.click({ force: true });
      await expect(page.getByRole('dialog')).toHaveCount(0);
    });

    test('Delete asks for confirmation, then the snapshot is gone', async ({ page }) => {
      await openSnapshots(page, b.query, b.vm);
      const victim = b.byName[b.byName.length - 1];
      await page.getByRole('button', { name: `Actions for ${victim}` }).click();
      await page.getByRole('menuitem', { name: 'Delete' }).click();
      const dialog = page.getByRole('dialog', { name: 'Delete snapshot?' });
      await expect(dialog).toContainText(victim);
      await dialog.getByRole('button', { name: 'Delete' }).click();
      await expect.poll(() => snapshotNames(page), { timeout: 15_000 }).not.toContain(victim);
    });

    test("after a sort and a page change, each row's box, menu and link are for the snapshot it now shows", async ({ page }) => {
      const crashes = watchForCrashes(page);
      await openSnapshots(page, b.query, b.vm);
      const date = page.getByRole('columnheader', { name: /Date/ }).getByRole('button');
      await date.click();
      await date.click();
      const newest = b.byDate[b.byDate.length - 1];
      await expect.poll(() => snapshotNames(page)).toEqual([b.schedule, ...[...b.byDate].reverse()]);
      // Its box checks that snapshot, and its row says so.
      const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: newest, exact: true }) });
      await row.getByRole('checkbox', { name: `Select ${newest}` }).check();
      await expect(row).toHaveClass(/pf-m-selected/);
      await expect(page.getByRole('button', { name: /Delete selected/ })).toBeEnabled();
      // Its menu acts on it.
      await row.getByRole('button', { name: `Actions for ${newest}` }).click();
      await page.getByRole('menuitem', { name: 'Delete' }).click();
      const dialog = page.getByRole('dialog', { name: 'Delete snapshot?' });
      await expect(dialog).toContainText(newest);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      // Its link opens it.
      await row.getByRole('link', { name: newest, exact: true }).click();
      await expect(page.getByRole('heading', { name: newest })).toBeVisible();

      // The second page of 2,000: its first row's menu and link are the 21st snapshot's.
      await openSnapshots(page, b.query, 'archive-vm');
      await page.getByRole('button', { name: 'Go to next page' }).click();
      await expect(page.getByText('21 - 40 of 2000')).toBeVisible();
      const first = (await snapshotNames(page))[0];
      expect(first).not.toBe(`${b.archive}1`);
      await page.getByRole('button', { name: `Actions for ${first}` }).click();
      await page.getByRole('menuitem', { name: 'Delete' }).click();
      await expect(page.getByRole('dialog', { name: 'Delete snapshot?' })).toContainText(first);
      await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
      await page.getByRole('link', { name: first, exact: true }).click();
      await expect(page.getByRole('heading', { name: first })).toBeVisible();
      expect(crashes).toEqual([]);
    });

    test('a filter that matches one snapshot, then none typed: the page has its 20 rows again, each for the snapshot it shows', async ({ page }) => {
      const crashes = watchForCrashes(page);
      await openSnapshots(page, b.query, 'archive-vm');
      await expect.poll(async () => (await snapshotNames(page)).length).toBe(20);
      const before = await snapshotNames(page);
      const filter = page.getByRole('searchbox', { name: 'Filter by name or description' });
      await filter.fill(`${b.archive}1999`);
      await expect.poll(() => snapshotNames(page)).toEqual([`${b.archive}1999`]);
      // The other rows are kept, hidden: the grid has its header row and the one shown, for a screen reader too.
      const grid = page.getByRole('grid', { name: 'Snapshots' });
      await expect(grid.getByRole('row')).toHaveCount(2);
      await expect(page.getByText('1 - 1 of 1')).toBeVisible();
      await filter.fill('');
      await expect.poll(() => snapshotNames(page)).toEqual(before);
      await expect(grid.getByRole('row')).toHaveCount(21);
      // A row drawn again after the filter acts on the snapshot it shows now.
      const fifth = before[4];
      const row = grid.getByRole('row').filter({ has: page.getByRole('link', { name: fifth, exact: true }) });
      await row.getByRole('checkbox', { name: `Select ${fifth}` }).check();
      await expect(row).toHaveClass(/pf-m-selected/);
      await row.getByRole('button', { name: `Actions for ${fifth}` }).click();
      await page.getByRole('menuitem', { name: 'Delete' }).click();
      await expect(page.getByRole('dialog', { name: 'Delete snapshot?' })).toContainText(fifth);
      await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
      expect(crashes).toEqual([]);
    });

    test('2,000 snapshots are paged, 20 at a time, and sorting covers all of them', async ({ page }) => {
      await openSnapshots(page, b.query, 'archive-vm');
      await expect(page.getByText('1 - 20 of 2000')).toBeVisible();
      await expect.poll(async () => (await snapshotNames(page)).length).toBe(20);
      expect((await snapshotNames(page))[0]).toBe(`${b.archive}1`);
      await page.getByRole('button', { name: 'Go to next page' }).click();
      await expect(page.getByText('21 - 40 of 2000')).toBeVisible();
      await page.getByRole('columnheader', { name: /Name/ }).getByRole('button').click();
      await expect.poll(async () => (await snapshotNames(page))[0]).toBe(`${b.archive}2000`);
    });
  });
}
