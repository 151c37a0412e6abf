// Stories: an admin takes a snapshot from the Snapshots tab and watches it finish; when the
// backend refuses, the modal says why in the backend's words and keeps what was typed.
import { expect, test, type Page } from '@playwright/test';
import { expectNotReloaded, markPage, openSnapshots, resetBackend, snapshotRow, watchForCrashes } from './helpers';

const backends = [
  { label: 'oVirt (XML)', query: 'backend=ovirt&format=xml', vm: 'db-primary', inProgress: 'Locked', other: 'snap-2' },
  { label: 'oVirt (JSON)', query: 'backend=ovirt&format=json', vm: 'db-primary', inProgress: 'Locked', other: 'snap-2' },
  { label: 'KubeVirt', query: 'backend=kubevirt', vm: 'rhel9-db', inProgress: 'In progress', other: 'rhel9-db-snap-2' },
];

test.beforeEach(async ({ request }) => resetBackend(request));

for (const b of backends) {
  test.describe(b.label, () => {
    test('a snapshot taken from the tab shows in progress, then OK, without a reload', async ({ page }) => {
      const crashes = watchForCrashes(page);
      await openSnapshots(page, b.query, b.vm);
      await markPage(page);

      await page.getByRole('button', { name: 'Take snapshot' }).first().click();
      const dialog = page.getByRole('dialog', { name: `Take snapshot of ${b.vm}` });
      const name = dialog.getByLabel('Name');
      // The name is generated from the date and time, and can be changed.
      await expect(name).toHaveValue(new RegExp(`^${b.vm}-snapshot-\\d{8}-\\d{6}$`));
      await name.fill('before-upgrade-e2e');
      await dialog.getByLabel('Description').fill('before the kernel upgrade');
      await dialog.getByRole('button', { name: 'Take snapshot' }).click();
      await expect(dialog).toBeHidden();

      const row = snapshotRow(page, 'before-upgrade-e2e');
      await expect(row.locator('[data-status]')).toHaveAttribute('data-status', b.inProgress);
      await expect(page.getByRole('heading', { level: 1, name: b.vm }).locator('..').locator('[data-status]')).toHaveAttribute(
        'data-status',
        'Snapshotting',
      );
      await expect(row.locator('[data-status]')).toHaveAttribute('data-status', 'OK', { timeout: 15_000 });
      await expect(page.getByRole('heading', { level: 1, name: b.vm }).locator('..').locator('[data-status]')).toHaveAttribute(
        'data-status',
        'Stopped',
      );
      await expectNotReloaded(page);
      expect(crashes).toEqual([]);
    });

    test('what was typed in the modal stays while the VM cannot be read for a moment', async ({ page }) => {
      // oVirt reads the VM again on each refresh (every 2 s here). KubeVirt reads it from its
      // watch: here the watch's version is compacted away, so it lists the VMs again.
      await openSnapshots(page, `${b.query}&refresh_seconds=2`, b.vm);
      await expect(page.getByRole('grid', { name: 'Snapshots' })).toHaveAttribute('aria-busy', 'false');
      await page.getByRole('button', { name: 'Take snapshot' }).first().click();
      const dialog = page.getByRole('dialog', { name: `Take snapshot of ${b.vm}` });
      await dialog.getByLabel('Name').fill('typed-and-kept');
      await dialog.getByLabel('Description').fill('still here');
      // The VM's next reads fail, as a proxy's 502 would.
      let failed = 0;
      const vmRead = (url: URL) =>
        url.searchParams.get('watch') !== '1' &&
        (/\/ovirt-engine\/api\/vms\/[^/]+$/.test(url.pathname) ||
          url.pathname.endsWith(`/virtualmachines/${b.vm}`) ||
          url.pathname.endsWith('/virtualmachines'));
      await page.route(vmRead, async (route) => {
        if (route.request().method() !== 'GET') return route.continue();
        failed += 1;
        await route.fulfill({ status: 502, contentType: 'text/plain', body: 'Bad Gateway' });
      });
      if (b.label === 'KubeVirt') expect((await page.request.post('/_dev/watches/compact')).ok()).toBeTruthy();
      await expect.poll(() => failed, { timeout: 15_000 }).toBeGreaterThan(0);
      await page.unroute(vmRead);
      await expect(dialog).toBeVisible();
      await expect(dialog.getByLabel('Name')).toHaveValue('typed-and-kept');
      await expect(dialog.getByLabel('Description')).toHaveValue('still here');
      await dialog.getByRole('button', { name: 'Take snapshot' }).click();
      await expect(dialog).toBeHidden();
      await expect(snapshotRow(page, 'typed-and-kept')).toBeVisible();
    });

    test("another row's menu, opened meanwhile, stays open while the snapshot finishes, and its rules follow", async ({ page }) => {
      await openSnapshots(page, b.query, b.vm);
      await page.getByRole('button', { name: 'Take snapshot' }).first().click();
      const dialog = page.getByRole('dialog', { name: `Take snapshot of ${b.vm}` });
      await dialog.getByLabel('Name').fill('menu-stays-open');
      await dialog.getByRole('button', { name: 'Take snapshot' }).click();
      await expect(dialog).toBeHidden();
      const row = snapshotRow(page, 'menu-stays-open');
      await expect(row.locator('[data-status]')).toHaveAttribute('data-status', b.inProgress);
      await page.getByRole('button', { name: `Actions for ${b.other}`, exact: true }).click();
      const restore = page.getByRole('menuitem', { name: /^Restore/ });
      // While a snapshot is taken, Restore waits, and says why.
      await expect(restore).toHaveAttribute('aria-disabled', 'true');
      await expect(row.locator('[data-status]')).toHaveAttribute('data-status', 'OK', { timeout: 15_000 });
      // The same menu, still open: Restore is offered again.
      await expect(restore).toHaveAttribute('aria-disabled', 'false');
      await expect(page.getByRole('menu')).toBeVisible();
    });
  });
}

/** Opens the take-snapshot modal of a VM from its kebab in the VM list. */
async function takeFromList(page: Page, query: string, vm: string) {
  await page.goto(`/?${query}`);
  await page.getByRole('button', { name: `Actions for ${vm}`, exact: true }).click();
  await page.getByRole('menuitem', { name: 'Take snapshot' }).click();
}

test('oVirt: the tab offers no snapshot while a preview runs, and says why', async ({ page }) => {
  await openSnapshots(page, 'backend=ovirt', 'legacy-app');
  const take = page.getByRole('button', { name: 'Take snapshot' }).first();
  await expect(take).toHaveAttribute('aria-disabled', 'true');
  await expect(take).toHaveAttribute('title', /commit or undo the preview first/);
});

test('oVirt: a VM previewing a snapshot refuses a new one, and the modal says why and keeps the form', async ({ page }) => {
  // The VM list does not load each VM's snapshots, so it offers the action and the engine refuses it.
  await takeFromList(page, 'backend=ovirt', 'legacy-app');
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill('not now');
  await dialog.getByLabel('Description').fill('typed text stays');
  await dialog.getByRole('button', { name: 'Take snapshot' }).click();
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('Cannot create Snapshot. VM is previewing a Snapshot.');
  await expect(alert).toContainText('HTTP 409');
  await expect(dialog.getByLabel('Name')).toHaveValue('not now');
  await expect(dialog.getByLabel('Description')).toHaveValue('typed text stays');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
});

test('oVirt (JSON): the refusal reads the same in the JSON form', async ({ page }) => {
  await takeFromList(page, 'backend=ovirt&format=json', 'legacy-app');
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Take snapshot' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Cannot create Snapshot. VM is previewing a Snapshot.');
});

test('KubeVirt: a name already taken is refused by the API server, and the modal says so', async ({ page }) => {
  await openSnapshots(page, 'backend=kubevirt', 'rhel9-db');
  await page.getByRole('button', { name: 'Take snapshot' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill('rhel9-db-snap-2');
  await dialog.getByRole('button', { name: 'Take snapshot' }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    'virtualmachinesnapshots.snapshot.kubevirt.io "rhel9-db-snap-2" already exists',
  );
  await expect(dialog.getByLabel('Name')).toHaveValue('rhel9-db-snap-2');
});

test('KubeVirt: an invalid name is explained beside the field and cannot be sent', async ({ page }) => {
  await openSnapshots(page, 'backend=kubevirt', 'rhel9-db');
  await page.getByRole('button', { name: 'Take snapshot' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill('Bad_Name');
  await expect(dialog.getByText("Use only lowercase letters, digits and '-'.")).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Take snapshot' })).toBeDisabled();
  // KubeVirt has no memory snapshots: the modal says so instead of offering it.
  await expect(dialog.getByText('KubeVirt snapshots do not include memory.')).toBeVisible();
});
