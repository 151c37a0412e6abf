// Stories: on KubeVirt the tab and the VM list are kept live by Kubernetes watches, not by
// listing again. Each resource is listed once, then watched from the list's resourceVersion.
// With `refresh_seconds=0` (nothing is ever asked again on a timer) a snapshot someone else
// takes, a schedule's snapshot and a VM made by a clone still appear without a reload. A watch
// whose resourceVersion the server has compacted away gets 410 and lists again; a watch whose
// connection breaks opens again from where it was, without a new list. A tab opened hidden asks
// nothing after its lists and watches.
import { expect, test, type Page } from '@playwright/test';
import { controlVisibility, expectNotReloaded, kubeSnapshotThroughApi, markPage, openSnapshots, resetBackend, setHidden, snapshotRow } from './helpers';

const SNAPSHOTS = '/apis/snapshot.kubevirt.io/v1beta1/namespaces/default';
const noTimer = 'backend=kubevirt&refresh_seconds=0';

test.beforeEach(async ({ request }) => resetBackend(request));

/** The Kubernetes collection GETs the page makes from now on: whole lists, and watches. */
function recordKube(page: Page) {
  const seen = { lists: [] as string[], watches: [] as string[] };
  page.on('request', (r) => {
    if (r.method() !== 'GET') return;
    const url = new URL(r.url());
    if (!url.pathname.startsWith('/apis/')) return;
    const resource = url.pathname.split('/').slice(-1)[0];
    const collection = /^virtualmachine[a-z]*s$/.test(resource) && url.pathname.split('/').at(-2) === 'default';
    if (!collection) return;
    if (url.searchParams.get('watch') === '1') seen.watches.push(`${resource}@${url.searchParams.get('resourceVersion')}`);
    else seen.lists.push(resource);
  });
  return seen;
}

function snapshotBySomeoneElse(page: Page, name: string) {
  return kubeSnapshotThroughApi(page.request, 'rhel9-db', name);
}

async function openTab(page: Page, query: string) {
  await openSnapshots(page, query, 'rhel9-db');
  await expect(page.getByRole('grid', { name: 'Snapshots' })).toHaveAttribute('aria-busy', 'false');
  await markPage(page);
}

test('KubeVirt, idle: each resource is listed once, then only watched', async ({ page }) => {
  const seen = recordKube(page);
  // A 2 s refresh, to show that KubeVirt does not use it: the watches tell.
  await openTab(page, 'backend=kubevirt&refresh_seconds=2');
  await expect.poll(() => new Set(seen.watches.map((w) => w.split('@')[0])).size).toBe(4);
  const listsAtStart = [...seen.lists];
  await page.waitForTimeout(7_000);
  console.log(`watch: idle 7 s: lists ${JSON.stringify(listsAtStart)}, then ${seen.lists.length - listsAtStart.length} more; watches ${JSON.stringify(seen.watches)}`);
  expect(seen.lists.length).toBe(listsAtStart.length);
  for (const r of ['virtualmachines', 'virtualmachinesnapshots', 'virtualmachinerestores', 'virtualmachinesnapshotschedules']) {
    expect(listsAtStart.filter((l) => l === r)).toHaveLength(1);
    // Watched from the version the list was read at, never from the start.
    expect(seen.watches.filter((w) => w.startsWith(`${r}@`)).every((w) => !/@(0|null)$/.test(w))).toBe(true);
  }
});

test('KubeVirt, opened in a hidden page: listed once, nothing asked again while hidden, and what changed meanwhile is there when shown', async ({ page }) => {
  // A tab opened in the background (middle click on a link, say): hidden from its start.
  await controlVisibility(page, true);
  const seen = recordKube(page);
  await openTab(page, 'backend=kubevirt&refresh_seconds=2');
  await expect.poll(() => new Set(seen.watches.map((w) => w.split('@')[0])).size).toBe(4);
  const lists = seen.lists.length;
  const watches = seen.watches.length;
  await page.waitForTimeout(5_000);
  // Nothing polled, nothing listed again, no watch opened again: the open watches are all.
  expect(seen.lists).toHaveLength(lists);
  expect(seen.watches).toHaveLength(watches);
  await snapshotBySomeoneElse(page, 'taken-while-hidden');
  await setHidden(page, false);
  await expect(snapshotRow(page, 'taken-while-hidden')).toBeVisible();
  expect(seen.lists).toHaveLength(lists);
  await expectNotReloaded(page);
});

test('KubeVirt: a snapshot someone else takes appears with nothing polled, within 2 s', async ({ page }) => {
  await openTab(page, noTimer);
  const at = await snapshotBySomeoneElse(page, 'taken-elsewhere');
  await expect(snapshotRow(page, 'taken-elsewhere')).toBeVisible();
  const ms = Date.now() - at;
  console.log(`watch: a snapshot taken through the API appeared after ${ms} ms`);
  // It goes on to Ready through MODIFIED events alone.
  await expect(snapshotRow(page, 'taken-elsewhere').locator('[data-status]')).toHaveAttribute('data-status', 'OK', { timeout: 15_000 });
  await expectNotReloaded(page);
});

test("KubeVirt: a schedule's snapshot appears when the schedule fires, with nothing polled", async ({ page }) => {
  await openTab(page, noTimer);
  const start = new Date(Date.now() + 2_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const made = await page.request.post(`${SNAPSHOTS}/virtualmachinesnapshotschedules`, {
    data: {
      apiVersion: 'snapshot.kubevirt.io/v1beta1',
      kind: 'VirtualMachineSnapshotSchedule',
      metadata: { name: 'soon', namespace: 'default' },
      spec: { vmSelector: { matchLabels: { 'kubevirt.io/vm': 'rhel9-db' } }, startTime: start, timeZone: 'UTC', retention: { maxCount: 3 } },
    },
  });
  expect(made.ok()).toBeTruthy();
  // The schedule shows at once, and its snapshot when it fires.
  await expect(page.getByText('soon', { exact: true }).first()).toBeVisible();
  const grid = page.getByRole('grid', { name: 'Snapshots' });
  await expect(grid.getByRole('row').filter({ hasText: /^.*soon.*$/ }).first()).toBeVisible({ timeout: 15_000 });
  await expectNotReloaded(page);
});

test('KubeVirt: a VM made by a clone appears in the VM list, with nothing polled', async ({ page }) => {
  await page.goto(`/?${noTimer}`);
  await expect(page.getByRole('link', { name: 'rhel9-db', exact: true })).toBeVisible();
  await markPage(page);
  const made = await page.request.post('/apis/clone.kubevirt.io/v1beta1/namespaces/default/virtualmachineclones', {
    data: {
      apiVersion: 'clone.kubevirt.io/v1beta1',
      kind: 'VirtualMachineClone',
      metadata: { name: 'clone-by-someone', namespace: 'default' },
      spec: {
        source: { apiGroup: 'snapshot.kubevirt.io', kind: 'VirtualMachineSnapshot', name: 'rhel9-db-snap-10' },
        target: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'rhel9-db-copy' },
      },
    },
  });
  expect(made.ok()).toBeTruthy();
  const at = Date.now();
  await expect(page.getByRole('link', { name: 'rhel9-db-copy', exact: true })).toBeVisible({ timeout: 15_000 });
  console.log(`watch: a VM made by a clone (2 s to clone) appeared after ${Date.now() - at} ms`);
  await expectNotReloaded(page);
});

test('KubeVirt: a watch whose resourceVersion was compacted away gets 410, lists again, and goes on', async ({ page }) => {
  await openTab(page, noTimer);
  const seen = recordKube(page);
  const compacted = await page.request.post('/_dev/watches/compact');
  expect(compacted.ok()).toBeTruthy();
  // The broken watches open again from their old versions, get 410, and list again.
  // The open watches get an ERROR event with a 410 Status; each resource is listed again and
  // watched from the new list's version.
  await expect.poll(() => seen.lists.filter((l) => l === 'virtualmachinesnapshots').length, { timeout: 15_000 }).toBe(1);
  await expect.poll(() => seen.watches.filter((w) => w.startsWith('virtualmachinesnapshots@')).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
  console.log(`watch: after compaction: lists ${JSON.stringify(seen.lists)}, watches ${JSON.stringify(seen.watches)}`);
  // Still live.
  await snapshotBySomeoneElse(page, 'after-compaction');
  await expect(snapshotRow(page, 'after-compaction')).toBeVisible();
  await expectNotReloaded(page);
});

test('KubeVirt: a watch whose connection breaks opens again from where it was, without a new list', async ({ page }) => {
  await openTab(page, noTimer);
  const seen = recordKube(page);
  const dropped = await page.request.post('/_dev/watches/drop');
  expect(dropped.ok()).toBeTruthy();
  await expect.poll(() => seen.watches.filter((w) => w.startsWith('virtualmachinesnapshots@')).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
  await snapshotBySomeoneElse(page, 'after-the-drop');
  await expect(snapshotRow(page, 'after-the-drop')).toBeVisible();
  console.log(`watch: after the drop: lists ${JSON.stringify(seen.lists)}, watches ${JSON.stringify(seen.watches)}`);
  expect(seen.lists).toEqual([]);
  await expectNotReloaded(page);
});

test('KubeVirt: an open modal keeps what was typed while a watch event changes the VM', async ({ page }) => {
  await openTab(page, noTimer);
  await page.getByRole('button', { name: 'Take snapshot' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Take snapshot of rhel9-db' });
  await dialog.getByLabel('Name').fill('typed-before-the-event');
  // Someone else's snapshot puts the VM in progress: its watch event changes the tab's VM.
  await snapshotBySomeoneElse(page, 'meanwhile');
  await expect(snapshotRow(page, 'meanwhile')).toBeVisible();
  await expect(dialog.getByLabel('Name')).toHaveValue('typed-before-the-event');
  await expect(dialog.getByLabel('Name')).toBeFocused();
  await expectNotReloaded(page);
});
