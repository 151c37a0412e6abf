// Stories: the tab as an OpenShift console dynamic plugin, in the development backend's stand-in
// for the console (/_host/openshift/): the built plugin is loaded from its manifest, given
// React, and rendered on the VirtualMachine page with obj = the VirtualMachine. Changes go
// through the console's Kubernetes proxy with the CSRF token, under the strict CSP.
import { expect, test, type Page } from '@playwright/test';
import { expectOneBackendPlugin, resetBackend, watchForCrashes } from './helpers';

test.beforeEach(async ({ request }) => resetBackend(request));

async function openConsole(page: Page, vm: string) {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const response = await page.goto(`/_host/openshift/?vm=${vm}`);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
  await expect(page.getByRole('tab', { name: 'Snapshot manager' })).toBeVisible();
  await expect(tab(page).getByRole('grid', { name: 'Snapshots' })).toBeVisible();
}

const tab = (page: Page) => page.getByRole('region', { name: 'Snapshot manager' });
const violations = (page: Page) => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
const row = (page: Page, name: string) =>
  tab(page).getByRole('grid', { name: 'Snapshots' }).getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });

test("the VM's tab lists its snapshots", async ({ page }) => {
  const crashes = watchForCrashes(page);
  await openConsole(page, 'fedora-web');
  await expect(row(page, 'fedora-web-snapshot-20261001-091500')).toBeVisible();
  await expect(row(page, 'fedora-web-snapshot-20261120-020000')).toBeVisible();
  await expect(row(page, 'fedora-web-snapshot-20261105-164000')).toBeVisible();
  expect(await violations(page)).toEqual([]);
  expect(crashes).toEqual([]);
});

test('take a snapshot and restore one, every change carrying the CSRF token the console checks', async ({ page }) => {
  test.setTimeout(60_000);
  const changes: { url: string; csrf: string | undefined }[] = [];
  page.on('request', (r) => {
    if (r.method() !== 'GET' && r.url().includes('/api/kubernetes/')) changes.push({ url: r.url(), csrf: r.headers()['x-csrftoken'] });
  });
  await openConsole(page, 'rhel9-db');
  const cookie = (await page.context().cookies()).find((c) => c.name === 'csrf-token')?.value;
  expect(cookie).toBeTruthy();

  await tab(page).getByRole('button', { name: 'Take snapshot' }).first().click();
  const take = page.getByRole('dialog', { name: 'Take snapshot of rhel9-db' });
  await take.getByLabel('Name').fill('from-the-console');
  await take.getByRole('button', { name: 'Take snapshot' }).click();
  await expect(take).toBeHidden();
  await expect(row(page, 'from-the-console').locator('[data-status]')).toHaveAttribute('data-status', 'OK', { timeout: 15_000 });

  await tab(page).getByRole('button', { name: 'Actions for rhel9-db-snap-2', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Restore', exact: true }).click();
  const restore = page.getByRole('dialog', { name: 'Restore rhel9-db?' });
  await restore.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'rhel9-db was restored to rhel9-db-snap-2.' })).toBeVisible({
    timeout: 25_000,
  });

  expect(changes.map((c) => c.url.replace(/^.*\/api\/kubernetes/, ''))).toEqual([
    '/apis/snapshot.kubevirt.io/v1beta1/namespaces/default/virtualmachinesnapshots',
    // The safety snapshot of the current state, taken and finished before the restore.
    '/apis/snapshot.kubevirt.io/v1beta1/namespaces/default/virtualmachinesnapshots',
    '/apis/snapshot.kubevirt.io/v1beta1/namespaces/default/virtualmachinerestores',
  ]);
  expect(changes.every((c) => c.csrf === cookie)).toBeTruthy();
  // The proxy does check: the same change without the token is refused.
  const refused = await page.evaluate(async () => {
    const r = await fetch('/api/kubernetes/apis/snapshot.kubevirt.io/v1beta1/namespaces/default/virtualmachinesnapshots', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    return r.status;
  });
  expect(refused).toBe(403);
  expect(await violations(page)).toEqual([]);
});

test("switching the console's dark theme restyles the tab", async ({ page }) => {
  await openConsole(page, 'fedora-web');
  // The colour of the first cell, looked up and read in one step: a cell the list has just
  // redrawn can be detached between a lookup and a read, and a detached cell has no colour.
  const look = () =>
    page.evaluate(() => {
      const td = document.querySelector('table[aria-label="Snapshots"] td');
      return td ? getComputedStyle(td).color : '';
    });
  await expect.poll(look).not.toBe('');
  const light = await look();
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(page.locator('html')).toHaveClass(/pf-v6-theme-dark/);
  await expect.poll(look).not.toBe(light);
  expect(await look()).not.toBe('');
  await page.getByRole('button', { name: 'Light theme' }).click();
  await expect.poll(look).toBe(light);
  expect(await violations(page)).toEqual([]);
});

test("the plugin carries KubeVirt's adapter alone, built in, where the element for any page downloads one of two, and an oVirt VM is refused with a message", async ({ page }) => {
  const crashes = watchForCrashes(page);
  await openConsole(page, 'fedora-web');
  await expectOneBackendPlugin(page, '/api/plugins/vm-snapshots', 'kubevirt', { backend: 'ovirt', vm: '0d37ca3b-cdbc-4b78-b0b9-7cd71ddc7e35' });
  // The console's tab goes on.
  await expect(row(page, 'fedora-web-snapshot-20261001-091500')).toBeVisible();
  expect(await violations(page)).toEqual([]);
  expect(crashes).toEqual([]);
});
