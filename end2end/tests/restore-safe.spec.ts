// Stories: a safe restore. Before it runs, the Restore modal shows what it changes (CPUs,
// memory, each disk, the NICs: the snapshot against the VM now) and, on oVirt, the newer
// snapshots it erases. On KubeVirt a snapshot of the current state is taken and finished first,
// and the closing toast names both snapshots.
import { expect, test, type Page } from '@playwright/test';
import { openSnapshots, resetBackend, snapshotRow, watchForCrashes } from './helpers';

/** The rows of the modal's "What the restore changes" table, as [what, now, after]. */
async function changes(page: Page): Promise<string[][]> {
  const table = page.getByRole('dialog').getByRole('grid', { name: 'What the restore changes' });
  await expect(table).toBeVisible();
  return table.locator('tbody tr').evaluateAll((rows) =>
    rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => td.textContent?.trim() ?? '')),
  );
}

for (const b of [
  { label: 'oVirt (XML)', query: 'backend=ovirt&format=xml' },
  { label: 'oVirt (JSON)', query: 'backend=ovirt&format=json' },
]) {
  test.describe(`${b.label}: a safe restore`, () => {
    let problems: string[];
    test.beforeEach(async ({ page, request }) => {
      await resetBackend(request);
      problems = watchForCrashes(page);
    });
    test.afterEach(() => expect(problems).toEqual([]));

    test('the Restore modal shows what changes and the newer snapshots it erases, and they go', async ({ page }) => {
      await openSnapshots(page, b.query, 'db-primary');
      await page.getByRole('button', { name: 'Actions for Snap-1 baseline' }).click();
      await page.getByRole('menuitem', { name: 'Restore' }).click();
      const dialog = page.getByRole('dialog');
      // The table is read until it says this: it fills in as the snapshot's configuration comes.
      await expect.poll(() => changes(page)).toEqual([
        ['CPUs', '8', '4'],
        ['Memory', '16 GiB', '8 GiB'],
        ['Disk db-primary_Disk2', '200 GiB', '100 GiB'],
        ['NIC nic2 (storage)', 'There', 'Removed'],
      ]);
      const erases = dialog.getByTestId('restore-erases');
      await expect(erases).toContainText('The restore erases 3 newer snapshots');
      await expect(erases.getByRole('listitem')).toHaveText(['snap-2', 'Édition finale', 'snap-10']);
      // oVirt would erase a snapshot taken now too: none is offered, and the modal says why.
      await expect(dialog.getByLabel('Take a snapshot of the current state first')).toHaveCount(0);
      await expect(dialog.getByText('a snapshot taken now would be erased too')).toBeVisible();
      await dialog.getByRole('button', { name: 'Restore' }).click();
      await expect(page.getByText('db-primary was restored to Snap-1 baseline.')).toBeVisible({ timeout: 20_000 });
      await expect(snapshotRow(page, 'snap-10')).toHaveCount(0);
      await expect(snapshotRow(page, 'snap-2')).toHaveCount(0);
      await expect(snapshotRow(page, 'Snap-1 baseline')).toHaveCount(1);
    });

    test('restoring the newest snapshot erases nothing', async ({ page }) => {
      await openSnapshots(page, b.query, 'db-primary');
      await page.getByRole('button', { name: 'Actions for snap-10' }).click();
      await page.getByRole('menuitem', { name: 'Restore' }).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog.getByRole('heading', { name: 'What the restore changes' })).toBeVisible();
      await expect(dialog.getByTestId('restore-erases')).toHaveCount(0);
    });
  });
}

test.describe('KubeVirt: a safe restore', () => {
  let problems: string[];
  test.beforeEach(async ({ page, request }) => {
    await resetBackend(request);
    problems = watchForCrashes(page);
  });
  test.afterEach(() => expect(problems).toEqual([]));

  test('the Restore modal shows what changes; nothing is erased', async ({ page }) => {
    await openSnapshots(page, 'backend=kubevirt', 'fedora-web');
    await page.getByRole('button', { name: 'Actions for fedora-web-snapshot-20261001-091500' }).click();
    await page.getByRole('menuitem', { name: 'Restore' }).click();
    // The table is read until it says this: it fills in as the snapshot's configuration comes.
    await expect.poll(() => changes(page)).toEqual([
      ['CPUs', '2', '1'],
      ['Memory', '4 GiB', '2 GiB'],
      ['Disk datadisk', '100 GiB', '50 GiB'],
      ['NIC storage (storage-net)', 'There', 'Removed'],
    ]);
    await expect(page.getByRole('dialog').getByTestId('restore-erases')).toHaveCount(0);
  });

  test('a snapshot of the current state is taken and finished first, and the toast names both', async ({ page }) => {
    await openSnapshots(page, 'backend=kubevirt', 'fedora-web');
    await page.getByRole('button', { name: 'Actions for fedora-web-snapshot-20261001-091500' }).click();
    await page.getByRole('menuitem', { name: 'Restore' }).click();
    const dialog = page.getByRole('dialog');
    const safety = dialog.getByLabel('Take a snapshot of the current state first');
    await expect(safety).toBeChecked();
    const named = await dialog.getByText(/^Snapshot fedora-web-before-restore-\d{8}-\d{4}, taken and finished/).textContent();
    const name = named!.match(/fedora-web-before-restore-\d{8}-\d{4}/)![0];
    await dialog.getByLabel('Stop the VM, then restore it').check();
    const order: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && /virtualmachine(snapshots|restores)$/.test(r.url())) order.push(r.url().split('/').pop()!);
    });
    await dialog.getByRole('button', { name: 'Restore' }).click();
    await expect(dialog.getByText(`Taking snapshot ${name} of the current state first…`)).toBeVisible();
    await expect(page.getByText(`fedora-web was restored to fedora-web-snapshot-20261001-091500. Its state before is kept in snapshot ${name}.`)).toBeVisible({ timeout: 30_000 });
    // The snapshot was done before the restore was asked for.
    expect(order).toEqual(['virtualmachinesnapshots', 'virtualmachinerestores']);
    await expect(snapshotRow(page, name).getByText('OK')).toBeVisible();
  });

  test('without the safety snapshot, only the restore is sent', async ({ page }) => {
    await openSnapshots(page, 'backend=kubevirt', 'rhel9-db');
    await page.getByRole('button', { name: 'Actions for rhel9-db-snap-10' }).click();
    await page.getByRole('menuitem', { name: 'Restore' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Take a snapshot of the current state first').uncheck();
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST') posts.push(r.url().split('/').pop()!);
    });
    await dialog.getByRole('button', { name: 'Restore' }).click();
    await expect(page.getByText('rhel9-db was restored to rhel9-db-snap-10.')).toBeVisible({ timeout: 20_000 });
    expect(posts).toEqual(['virtualmachinerestores']);
  });
});
