// Stories: the tab and the Overview do not go stale, and do not ask while nobody looks. A VM
// started, or a snapshot taken, by someone else through the API shows without a reload: on
// oVirt, with nothing in progress, the views read again every `refresh_seconds` (2 here, 30 by
// default); on KubeVirt a watch tells (watch.spec.ts). Asks never come closer together than
// that, and none is made while the page is hidden; showing it again asks at once.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { controlVisibility, kubeSnapshotThroughApi, openSnapshots, resetBackend, setHidden, snapshotRow } from './helpers';

const backends = [
  { label: 'oVirt (XML)', kind: 'ovirt', query: 'backend=ovirt&format=xml&refresh_seconds=2', vm: 'db-primary', list: /\/vms\/[^/]+\/snapshots$/ },
  { label: 'oVirt (JSON)', kind: 'ovirt', query: 'backend=ovirt&format=json&refresh_seconds=2', vm: 'db-primary', list: /\/vms\/[^/]+\/snapshots$/ },
  { label: 'KubeVirt', kind: 'kubevirt', query: 'backend=kubevirt&refresh_seconds=2', vm: 'rhel9-db', list: /\/virtualmachinesnapshots$/ },
];

test.beforeEach(async ({ request }) => resetBackend(request));

/** Takes a snapshot of `vm` through the API, as another admin would. */
async function snapshotBySomeoneElse(request: APIRequestContext, kind: string, vm: string, name: string) {
  if (kind === 'ovirt') {
    const vms = await (await request.get('/ovirt-engine/api/vms', { headers: { Accept: 'application/json' } })).json();
    const id = vms.vm.find((v: { name: string }) => v.name === vm).id;
    const made = await request.post(`/ovirt-engine/api/vms/${id}/snapshots`, {
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      data: { description: name, persist_memorystate: 'false' },
    });
    expect(made.ok()).toBeTruthy();
  } else {
    await kubeSnapshotThroughApi(request, vm, name);
  }
}

/** Starts the stopped VM `vm` through the API, as another admin would. */
async function startBySomeoneElse(request: APIRequestContext, kind: string, vm: string) {
  if (kind === 'ovirt') {
    const vms = await (await request.get('/ovirt-engine/api/vms', { headers: { Accept: 'application/json' } })).json();
    const id = vms.vm.find((v: { name: string }) => v.name === vm).id;
    const started = await request.post(`/ovirt-engine/api/vms/${id}/start`, {
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      data: {},
    });
    expect(started.ok()).toBeTruthy();
  } else {
    const started = await request.put(`/apis/subresources.kubevirt.io/v1/namespaces/default/virtualmachines/${vm}/start`);
    expect(started.ok()).toBeTruthy();
  }
}

for (const b of backends) {
  test.describe(b.label, () => {
    test('the Overview: a VM started by someone else is shown running without a reload', async ({ page, request }) => {
      await page.goto(`/?${b.query}`);
      await page.getByRole('link', { name: b.vm, exact: true }).click();
      const header = page.locator('.vms-vm-header');
      const status = page.locator('.pf-v6-c-description-list__group').filter({ hasText: 'Status' });
      await expect(header).toContainText('Stopped');
      await expect(status).toContainText('Stopped');
      await startBySomeoneElse(request, b.kind, b.vm);
      // KubeVirt: the VMs' watch tells. oVirt: read again within a refresh (2 s here), then
      // each second while it starts.
      await expect(header).toContainText('Running', { timeout: 15_000 });
      await expect(status).toContainText('Running');
      await expect(page.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');
    });

    test('a snapshot taken by someone else appears without a reload, within a refresh', async ({ page, request }) => {
      await openSnapshots(page, b.query, b.vm);
      await expect(page.getByRole('grid', { name: 'Snapshots' })).toHaveAttribute('aria-busy', 'false');
      await snapshotBySomeoneElse(request, b.kind, b.vm, 'taken-elsewhere');
      await expect(snapshotRow(page, 'taken-elsewhere')).toBeVisible();
    });

    // KubeVirt lists once and then watches (watch.spec.ts): there is nothing to poll.
    if (b.kind !== 'ovirt') return;
    test('idle, the list is read again no sooner than each refresh, never while the page is hidden, and at once when shown', async ({ page }) => {
      await controlVisibility(page);
      const lists: number[] = [];
      page.on('request', (r) => {
        if (r.method() === 'GET' && b.list.test(new URL(r.url()).pathname)) lists.push(Date.now());
      });
      await openSnapshots(page, b.query, b.vm);
      await expect.poll(() => lists.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
      // At most one full list per refresh: never two within 2 s of each other.
      const gaps = lists.slice(1).map((t, i) => t - lists[i]);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1900);

      await setHidden(page, true);
      const hiddenAt = lists.length;
      await page.waitForTimeout(5_000);
      // One may have been on its way when the page was hidden; none after.
      expect(lists.length - hiddenAt).toBeLessThanOrEqual(1);
      const whileHidden = lists.length;
      await page.waitForTimeout(3_000);
      expect(lists.length).toBe(whileHidden);

      await setHidden(page, false);
      await expect.poll(() => lists.length).toBeGreaterThan(whileHidden);
    });
  });
}
