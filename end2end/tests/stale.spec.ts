// Stories: a read that fails for a moment (a proxy's 502) does not take away what was read
// before. The VM list, the VM page and the Snapshots tab keep showing the last VMs, VM and list, say in
// the backend's words what could not be read again, and offer Retry. oVirt reads them again
// on each refresh (every 2 s here); KubeVirt lists again when its watch's version has been
// compacted away.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { openSnapshots, resetBackend, snapshotRow } from './helpers';

const backends = [
  { label: 'oVirt (XML)', query: 'backend=ovirt&format=xml&refresh_seconds=2', vm: 'db-primary', row: 'snap-2', list: /\/ovirt-engine\/api\/vms\/[^/]+\/snapshots$/, one: /\/ovirt-engine\/api\/vms\/[^/]+$/, vms: /\/ovirt-engine\/api\/vms$/ },
  { label: 'oVirt (JSON)', query: 'backend=ovirt&format=json&refresh_seconds=2', vm: 'db-primary', row: 'snap-2', list: /\/ovirt-engine\/api\/vms\/[^/]+\/snapshots$/, one: /\/ovirt-engine\/api\/vms\/[^/]+$/, vms: /\/ovirt-engine\/api\/vms$/ },
  { label: 'KubeVirt', query: 'backend=kubevirt', vm: 'rhel9-db', row: 'rhel9-db-snap-2', list: /\/virtualmachinesnapshots$/, one: /\/virtualmachines(\/rhel9-db)?$/, vms: /\/virtualmachines$/ },
];

test.beforeEach(async ({ request }) => resetBackend(request));

/** Makes the GETs whose path matches `path` fail with a 502 (never a watch); returns their count. */
async function failReads(page: Page, path: RegExp) {
  const count = { failed: 0 };
  await page.route(
    (url) => path.test(url.pathname) && url.searchParams.get('watch') !== '1',
    async (route) => {
      if (route.request().method() !== 'GET') return route.continue();
      count.failed += 1;
      await route.fulfill({ status: 502, contentType: 'text/plain', body: 'Bad Gateway' });
    },
  );
  return count;
}

/**
 * Makes the reads `path` matches fail, has the page read again, and waits for the warning that
 * `what` could not be read again, in the backend's words; returns it and the failed reads.
 */
async function failUntilStale(page: Page, label: string, path: RegExp, what: string) {
  const reads = await failReads(page, path);
  await readAgain(page, label);
  const alert = page.locator(`[data-stale="${what}"]`);
  await expect(alert).toBeVisible({ timeout: 15_000 });
  expect(reads.failed).toBeGreaterThan(0);
  await expect(alert).toContainText('could not be read again');
  await expect(alert).toContainText('Bad Gateway');
  return { alert, reads };
}

/** Retry while the reads fail, then once the backend answers again, and the warning goes. */
async function recover(page: Page, alert: Locator, reads: { failed: number }) {
  await retryWhileFailing(alert, reads);
  await page.unrouteAll();
  await retryOnceAnswered(alert);
}

/** Retry while the reads still fail: it reads again, and the alert stays, the same element. */
async function retryWhileFailing(alert: Locator, reads: { failed: number }) {
  const before = reads.failed;
  const shown = await alert.elementHandle();
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect.poll(() => reads.failed, { timeout: 15_000 }).toBeGreaterThan(before);
  await expect(alert).toContainText('Bad Gateway');
  expect(await shown?.evaluate((el) => el.isConnected)).toBe(true);
}

/**
 * Retry once the backend answers again, and the alert goes. The tab also reads again by itself
 * (oVirt's refresh, KubeVirt's watch listing again), so the alert may be gone before the click:
 * then there is nothing left to click, and that is what a user would see too.
 */
async function retryOnceAnswered(alert: Locator) {
  const retry = alert.getByRole('button', { name: 'Retry' });
  if (await retry.isVisible()) await retry.click({ timeout: 5_000 }).catch(() => undefined);
  await expect(alert).toBeHidden({ timeout: 15_000 });
}

/** What makes the tab read again: a refresh on oVirt; on KubeVirt, its watches listing again. */
async function readAgain(page: Page, label: string) {
  if (label === 'KubeVirt') expect((await page.request.post('/_dev/watches/compact')).ok()).toBeTruthy();
}

for (const b of backends) {
  test.describe(b.label, () => {
    test('a snapshot list that cannot be read again stays shown, says why, and Retry reads it', async ({ page }) => {
      await openSnapshots(page, b.query, b.vm);
      await expect(snapshotRow(page, b.row)).toBeVisible();
      const { alert, reads } = await failUntilStale(page, b.label, b.list, 'The snapshots');
      // What was read before is still there, and still works.
      await expect(snapshotRow(page, b.row)).toBeVisible();
      await expect(page.getByRole('button', { name: 'Take snapshot' }).first()).toBeEnabled();
      await recover(page, alert, reads);
      await expect(snapshotRow(page, b.row)).toBeVisible();
    });

    test('a VM that cannot be read again stays shown with its tabs, says why, and Retry reads it', async ({ page }) => {
      await openSnapshots(page, b.query, b.vm);
      await expect(snapshotRow(page, b.row)).toBeVisible();
      const { alert, reads } = await failUntilStale(page, b.label, b.one, 'The VM');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(b.vm);
      await expect(page.getByRole('tab', { name: 'Snapshots' })).toBeVisible();
      await expect(snapshotRow(page, b.row)).toBeVisible();
      await recover(page, alert, reads);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(b.vm);
    });

    test('a VM list that cannot be read again stays shown, keeps what is checked, says why, and Retry reads it', async ({ page }) => {
      await page.goto(`/?${b.query}`);
      const table = page.getByRole('grid', { name: 'Virtual machines' });
      await expect(table.getByRole('link', { name: b.vm, exact: true })).toBeVisible();
      const check = page.getByRole('checkbox', { name: `Select ${b.vm}` });
      await check.check();
      const { alert, reads } = await failUntilStale(page, b.label, b.vms, 'The virtual machines');
      // The VMs read before are still there, the check is kept, and the bulk take still counts it.
      await expect(table.getByRole('link', { name: b.vm, exact: true })).toBeVisible();
      await expect(check).toBeChecked();
      await expect(page.getByRole('button', { name: 'Take snapshot (1 VM)' })).toBeVisible();
      await recover(page, alert, reads);
      await expect(check).toBeChecked();
    });
  });
}

test('oVirt: a VM that is gone shows why in place of its tabs', async ({ page }) => {
  await page.goto('/vms/00000000-0000-0000-0000-000000000000/snapshots?backend=ovirt');
  await expect(page.getByRole('alert')).toContainText('Not found');
  await expect(page.getByRole('tab', { name: 'Snapshots' })).toBeHidden();
});
