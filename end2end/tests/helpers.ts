// Shared steps of the stories.
import { expect, type APIRequestContext, type Page } from '@playwright/test';

/** Starts the development backend again from its seed. */
export async function resetBackend(request: APIRequestContext) {
  const r = await request.post('/_dev/reset');
  expect(r.ok()).toBeTruthy();
}

/** Collects uncaught errors and Rust panics in the page. */
export function watchForCrashes(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && /panicked|RuntimeError|unreachable/.test(m.text())) problems.push(m.text());
  });
  return problems;
}

/** Opens a VM's Snapshots tab from the VM list. */
export async function openSnapshots(page: Page, query: string, vm: string) {
  await page.goto(`/?${query}`);
  await page.getByRole('link', { name: vm, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: vm })).toBeVisible();
  await page.getByRole('tab', { name: 'Snapshots' }).click();
  await expect(page.getByRole('grid', { name: 'Snapshots' })).toBeVisible();
  // Its rows are all there (the schedules' too): none moves under the next click.
  await expect(page.getByRole('grid', { name: 'Snapshots' })).toHaveAttribute('aria-busy', 'false');
}

/** The row of the Snapshots table whose name is `name`. */
export function snapshotRow(page: Page, name: string) {
  return page
    .getByRole('grid', { name: 'Snapshots' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name, exact: true }) });
}

/** The Snapshots table's rows shown, as CSS: the table keeps the rows a filter no longer fills,
 *  `hidden`, for the next one to fill in place (src/components/snapshot_table.rs, RowSlot).
 *  Playwright's `getByRole('row')` leaves them out already. */
export const SHOWN_ROWS = 'tbody tr:not([hidden])';
/** The shown rows of taken snapshots (not a schedule's). */
export const SHOWN_TAKEN_ROWS = 'tbody tr[data-row="taken"]:not([hidden])';

/** The names in the Snapshots table, top to bottom. */
export async function snapshotNames(page: Page): Promise<string[]> {
  return page.getByRole('grid', { name: 'Snapshots' }).locator(`${SHOWN_ROWS} td[data-label="Name"] a`).allTextContents();
}

/** Marks the page, so a test can tell later that it was not reloaded. */
export async function markPage(page: Page) {
  await page.evaluate(() => ((window as unknown as { __notReloaded: boolean }).__notReloaded = true));
}

export async function expectNotReloaded(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded)).toBe(true);
}

/** Takes a KubeVirt snapshot of `vm` through the API, as another admin would; returns when. */
export async function kubeSnapshotThroughApi(request: APIRequestContext, vm: string, name: string) {
  const made = await request.post('/apis/snapshot.kubevirt.io/v1beta1/namespaces/default/virtualmachinesnapshots', {
    data: {
      apiVersion: 'snapshot.kubevirt.io/v1beta1',
      kind: 'VirtualMachineSnapshot',
      metadata: { name, namespace: 'default' },
      spec: { source: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: vm } },
    },
  });
  expect(made.ok()).toBeTruthy();
  return Date.now();
}

/** Makes, through the API, an hourly schedule of `vm` keeping `keep` that first runs in 2030:
 *  it runs only when a story says "run now". */
export async function makeSchedule(
  request: APIRequestContext,
  b: { kind: 'ovirt' | 'kubevirt'; vm: string },
  name: string,
  keep: number,
) {
  const start = '2030-01-01T00:00:00Z';
  if (b.kind === 'ovirt') {
    const vms = await (await request.get('/ovirt-engine/api/vms', { headers: { Accept: 'application/json' } })).json();
    const id = vms.vm.find((v: { name: string }) => v.name === b.vm).id;
    const made = await request.post(`/ovirt-engine/api/vms/${id}/snapshotschedules`, {
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      data: { name, start_time: start, cron_expression: '0 * * * *', max_snapshots: String(keep), enabled: 'true' },
    });
    expect(made.ok()).toBeTruthy();
  } else {
    const made = await request.post('/apis/snapshot.kubevirt.io/v1beta1/namespaces/default/virtualmachinesnapshotschedules', {
      data: {
        apiVersion: 'snapshot.kubevirt.io/v1beta1',
        kind: 'VirtualMachineSnapshotSchedule',
        metadata: { name, namespace: 'default' },
        spec: {
          vmSelector: { matchLabels: { 'kubevirt.io/vm': b.vm } },
          startTime: start,
          schedule: '0 * * * *',
          timeZone: 'UTC',
          retention: { maxCount: keep },
        },
      },
    });
    expect(made.ok()).toBeTruthy();
  }
}

/** What the boot script asked for (each "<accept> <url>", and config.json), and what of it the
 * app has not taken. */
export async function bootReads(page: Page): Promise<{ asked: string[]; untaken: string[] }> {
  return page.evaluate(() => {
    const ahead = (window as unknown as { vmSnapshotsAhead: { asked: string[]; answers: object } }).vmSnapshotsAhead;
    return { asked: ahead.asked, untaken: Object.keys(ahead.answers) };
  });
}

/**
 * A console plugin built with its console's backend alone: its wasm (under `base`, where the host
 * serves the plugin's files) has that adapter built in and no adapter module beside it, where the
 * element for any page (`/embed/`) has one module per backend; and its module, asked for the other
 * backend's VM, says why inside the element instead of failing.
 */
export async function expectOneBackendPlugin(page: Page, base: string, own: string, other: { backend: string; vm: string }) {
  // The element for any page holds each backend's adapter in a module of its own, downloaded by a
  // tab of that backend; the plugin's wasm has its own adapter built in, and no module of either.
  const found = await page.evaluate(async ([base, own, other]) => {
    const status = async (url: string) => (await fetch(url)).status;
    return {
      anyPage: [await status(`/embed/split_${own}.wasm`), await status(`/embed/split_${other}.wasm`)],
      plugin: [await status(`${base}/split_${own}.wasm`), await status(`${base}/split_${other}.wasm`)],
    };
  }, [base, own, other.backend] as const);
  expect(found.anyPage).toEqual([200, 200]);
  expect(found.plugin).toEqual([404, 404]);
  await page.evaluate(
    async ([base, options]) => {
      const host = document.createElement('div');
      host.id = 'refused';
      document.body.append(host);
      const m = await import(`${base}/vm-snapshots-tab.js`);
      await m.mount(host, options);
    },
    [base, other] as const,
  );
  await expect(page.locator('#refused')).toContainText(`This build has no "${other.backend}" backend: it was built for "${own}" alone`);
}

/** The page's visibility, under the story's control: `setHidden(page, true)` hides it; `hidden`:
 * hidden from the start, as a tab opened in the background is. */
export async function controlVisibility(page: Page, hidden = false) {
  await page.addInitScript((hidden) => {
    const w = window as unknown as { __hidden: boolean };
    w.__hidden = hidden;
    Object.defineProperty(document, 'hidden', { get: () => w.__hidden, configurable: true });
    Object.defineProperty(document, 'visibilityState', { get: () => (w.__hidden ? 'hidden' : 'visible'), configurable: true });
  }, hidden);
}

export async function setHidden(page: Page, hidden: boolean) {
  await page.evaluate((h) => {
    (window as unknown as { __hidden: boolean }).__hidden = h;
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}
