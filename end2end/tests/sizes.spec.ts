// Stories: how much room snapshots take. Each snapshot's size shows in its row and its details,
// and the tab's toolbar gives the VM's total. oVirt tells the space each snapshot's disks take
// (`actual_size`, listed with the snapshots); KubeVirt, the `restoreSize` of the CSI
// VolumeSnapshots each snapshot's content owns. The figures are checked against what the
// development backend answers through the API.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { stories } from './backends';
import { kubeSnapshotThroughApi, openSnapshots, resetBackend, SHOWN_TAKEN_ROWS, snapshotRow, watchForCrashes } from './helpers';

const GIB = 2 ** 30;

/** Each snapshot of `vm`'s size in bytes, by name, as the backend's API tells it. */
async function sizesFromApi(request: APIRequestContext, kubevirt: boolean, vm: string): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  if (!kubevirt) {
    const json = { headers: { Accept: 'application/json' } };
    const vms = await (await request.get('/ovirt-engine/api/vms', json)).json();
    const id = vms.vm.find((v: { name: string }) => v.name === vm).id;
    const list = await (await request.get(`/ovirt-engine/api/vms/${id}/snapshots?follow=disks`, json)).json();
    for (const s of list.snapshot) {
      if (s.snapshot_type !== 'regular') continue;
      const disks: { actual_size: string }[] = s.disks?.disk ?? [];
      if (disks.length) sizes.set(s.description, disks.reduce((n, d) => n + Number(d.actual_size), 0));
    }
    return sizes;
  }
  const base = '/apis/snapshot.kubevirt.io/v1beta1/namespaces/default';
  const snapshots = await (await request.get(`${base}/virtualmachinesnapshots`)).json();
  const volumes = await (await request.get('/apis/snapshot.storage.k8s.io/v1/namespaces/default/volumesnapshots')).json();
  const unit: Record<string, number> = { Gi: GIB, Mi: 2 ** 20 };
  for (const s of snapshots.items) {
    if (s.spec.source.name !== vm || !s.status?.readyToUse) continue;
    const content = s.status.virtualMachineSnapshotContentName;
    const owned = volumes.items.filter((v: { metadata: { ownerReferences: { name: string }[] } }) =>
      v.metadata.ownerReferences.some((o) => o.name === content));
    const bytes = owned.reduce((n: number, v: { status: { restoreSize: string } }) => {
      const [, num, u] = /^(\d+)(Gi|Mi)$/.exec(v.status.restoreSize)!;
      return n + Number(num) * unit[u];
    }, 0);
    if (owned.length) sizes.set(s.metadata.name, bytes);
  }
  return sizes;
}

for (const b of stories) {
  test.describe(`Snapshot sizes on ${b.label}`, () => {
    test.beforeEach(async ({ request }) => resetBackend(request));

    test('each snapshot shows its size, and the toolbar the VM\'s total', async ({ page, request }) => {
      const crashes = watchForCrashes(page);
      const vm = b.withSnapshots.vm;
      const expected = await sizesFromApi(request, b.query.includes('kubevirt'), vm);
      expect(expected.size).toBeGreaterThan(0);
      await openSnapshots(page, b.query, vm);
      for (const [name, bytes] of expected) {
        await expect(snapshotRow(page, name).locator('[data-size]')).toHaveAttribute('data-size', String(bytes));
        await expect(snapshotRow(page, name).locator('[data-size]')).toContainText(/\d( \w)?iB$/);
      }
      const total = [...expected.values()].reduce((n, x) => n + x, 0);
      const toolbar = page.locator('[data-total]');
      await expect(toolbar).toHaveAttribute('data-total', String(total));
      await expect(toolbar).toContainText('Total size:');

      // The details say it too.
      const [name, bytes] = [...expected][0];
      const shown = await snapshotRow(page, name).locator('[data-size]').textContent();
      await snapshotRow(page, name).getByRole('link', { name, exact: true }).click();
      const size = page
        .getByLabel('Snapshot details')
        .locator('.pf-v6-c-description-list__group')
        .filter({ has: page.locator('dt', { hasText: /^Size$/ }) })
        .locator('dd');
      await expect(size).toHaveText(shown!.replace(' · ', ''));
      expect(bytes).toBeGreaterThan(0);
      expect(crashes).toEqual([]);
    });
  });
}

test.describe('Snapshot sizes on KubeVirt, light on the API', () => {
  test.beforeEach(async ({ request }) => resetBackend(request));

  /** The VolumeSnapshot and content paths the page asks for, from the namespace on. */
  function asked(page: import('@playwright/test').Page): string[] {
    const paths: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.includes('/volumesnapshots') || path.includes('/virtualmachinesnapshotcontents/')) paths.push(path.split('/namespaces/default/')[1]);
    });
    return paths;
  }

  test('a VM with few snapshots, and one that just finished, are sized from their own VolumeSnapshots, never by a list', async ({ page, request }) => {
    const paths = asked(page);
    await openSnapshots(page, 'backend=kubevirt', 'fedora-web');
    await expect(page.locator('[data-total]')).toBeVisible();
    // Three snapshots: each one's content, then the VolumeSnapshots it names.
    expect(paths.filter((p) => p.startsWith('virtualmachinesnapshotcontents/'))).toHaveLength(3);
    await kubeSnapshotThroughApi(request, 'fedora-web', 'fedora-web-sized-later');
    const row = snapshotRow(page, 'fedora-web-sized-later');
    await expect(row.locator('td[data-label="Status"]').getByText('OK', { exact: true })).toBeVisible({ timeout: 20_000 });
    const expected = (await sizesFromApi(request, true, 'fedora-web')).get('fedora-web-sized-later')!;
    await expect(row.locator('[data-size]')).toHaveAttribute('data-size', String(expected));
    expect(paths.filter((p) => p.startsWith('virtualmachinesnapshotcontents/'))).toHaveLength(4);
    expect(paths.some((p) => p.startsWith('volumesnapshots/vmsnapshot-'))).toBe(true);
    expect(paths).not.toContain('volumesnapshots');
  });

  test('the 2,000-snapshot VM is sized by one list of the VolumeSnapshots', async ({ page }) => {
    const paths = asked(page);
    await openSnapshots(page, 'backend=kubevirt', 'archive-vm');
    await expect(page.locator('[data-total]')).toBeVisible();
    expect(paths).toEqual(['volumesnapshots']);
  });

  // The code that reads the sizes is downloaded after the first table (a module of its own).
  test('sizes whose code cannot be downloaded are left unsaid, the table works, and the next read brings them', async ({ page, request }) => {
    const crashes = watchForCrashes(page);
    const sizesModule = '**/split_sizes*.wasm';
    let refused = 0;
    await page.route(sizesModule, (route) => {
      refused += 1;
      return route.abort('connectionreset');
    });
    await openSnapshots(page, 'backend=kubevirt', 'fedora-web');
    await expect.poll(() => refused).toBeGreaterThan(0);
    await expect(page.locator('[data-size]')).toHaveCount(0);
    await expect(page.locator('[data-total]')).toHaveCount(0);
    // The table still sorts.
    const date = page.getByRole('columnheader', { name: /Date/ });
    await date.getByRole('button').click();
    await expect(date).toHaveAttribute('aria-sort', 'ascending');

    // A snapshot finished meanwhile: the list is read again, and with it the sizes.
    await page.unroute(sizesModule);
    await kubeSnapshotThroughApi(request, 'fedora-web', 'fedora-web-sized-at-last');
    const row = snapshotRow(page, 'fedora-web-sized-at-last');
    await expect(row.locator('td[data-label="Status"]').getByText('OK', { exact: true })).toBeVisible({ timeout: 20_000 });
    const expected = (await sizesFromApi(request, true, 'fedora-web')).get('fedora-web-sized-at-last')!;
    await expect(row.locator('[data-size]')).toHaveAttribute('data-size', String(expected));
    await expect(page.locator('[data-total]')).toContainText('Total size:');
    expect(crashes).toEqual([]);
  });

  // The sizes are read after the snapshots are shown, never in the way of the first table:
  // while the reads of the sizes are held back, the rows are there, without sizes and without
  // a total, which come when the reads are let through.
  for (const [vm, held] of [
    ['fedora-web', '**/virtualmachinesnapshotcontents/**'],
    ['archive-vm', '**/namespaces/default/volumesnapshots'],
  ]) {
    test(`${vm}: its snapshots show before their sizes are read, and the sizes and the total follow`, async ({ page, request }) => {
      const crashes = watchForCrashes(page);
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      let heldBack = 0;
      await page.route(held, async (route) => {
        heldBack += 1;
        await released;
        await route.continue();
      });
      await openSnapshots(page, 'backend=kubevirt', vm);
      const rows = page.getByRole('grid', { name: 'Snapshots' }).locator(SHOWN_TAKEN_ROWS);
      await expect(rows.first()).toBeVisible();
      await expect.poll(() => heldBack).toBeGreaterThan(0);
      await expect(page.locator('[data-size]')).toHaveCount(0);
      await expect(page.locator('[data-total]')).toHaveCount(0);
      release();
      await expect(page.locator('[data-total]')).toContainText('Total size:');
      await expect(page.locator('[data-size]').first()).toBeVisible();
      if (vm === 'fedora-web') {
        const name = 'fedora-web-snapshot-20261001-091500';
        const expected = (await sizesFromApi(request, true, vm)).get(name)!;
        await expect(snapshotRow(page, name).locator('[data-size]')).toHaveAttribute('data-size', String(expected));
      }
      expect(crashes).toEqual([]);
    });
  }
});
