// Stories: the tab as an oVirt UI plugin, in the development backend's stand-in for the
// Administration Portal (/_host/ovirt/): the start page registers the plugin, UiInit adds the
// "Snapshot manager" detail place, and each VirtualMachineSelectionChange points it at the
// selected VM. The tab talks to the engine with the portal's SSO token, which the stand-in
// engine requires.
import { expect, test, type Page } from '@playwright/test';
import { expectOneBackendPlugin, resetBackend, watchForCrashes } from './helpers';

test.beforeEach(async ({ request }) => resetBackend(request));

const place = (page: Page) => page.frameLocator('iframe[title="Snapshot manager"]');
const row = (page: Page, name: string) =>
  place(page)
    .getByRole('grid', { name: 'Snapshots' })
    .getByRole('row')
    .filter({ has: place(page).getByRole('cell', { name, exact: true }) });

test('selecting a VM shows its snapshots, read with the bearer token the portal hands out', async ({ page }) => {
  const crashes = watchForCrashes(page);
  const engine: { url: string; auth: string | undefined }[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/_host/ovirt/engine/ovirt-engine/api')) engine.push({ url: r.url(), auth: r.headers()['authorization'] });
  });
  await page.goto('/_host/ovirt/');
  const token = await page.locator('meta[name="sso-token"]').getAttribute('content');
  await expect(page.getByRole('tab', { name: 'Snapshot manager' })).toBeVisible();
  await page.getByRole('button', { name: 'web-frontend', exact: true }).click();
  await expect(row(page, 'before-upgrade')).toBeVisible();
  await expect(row(page, 'post-patch')).toBeVisible();
  const tabRequests = engine.filter((e) => e.url.includes('/vms/ca7e8d64-0fc7-45de-b258-ae471ea31056'));
  expect(tabRequests.length).toBeGreaterThan(0);
  expect(engine.every((e) => e.auth === `Bearer ${token}`)).toBeTruthy();
  // Without the token, the engine answers 401.
  const status = await page.evaluate(async () => (await fetch('/_host/ovirt/engine/ovirt-engine/api/vms')).status);
  expect(status).toBe(401);
  expect(crashes).toEqual([]);
});

test('selecting another VM switches the tab to it', async ({ page }) => {
  await page.goto('/_host/ovirt/');
  await page.getByRole('button', { name: 'web-frontend', exact: true }).click();
  await expect(row(page, 'before-upgrade')).toBeVisible();
  await page.getByRole('button', { name: 'db-primary', exact: true }).click();
  await expect(row(page, 'snap-2')).toBeVisible();
  await expect(place(page).getByRole('cell', { name: 'before-upgrade', exact: true })).toHaveCount(0);
  await place(page).getByRole('button', { name: 'Take snapshot' }).first().click();
  await expect(place(page).getByRole('dialog', { name: 'Take snapshot of db-primary' })).toBeVisible();
});

test("the plugin carries oVirt's adapter alone, built in, where the element for any page downloads one of two, and a KubeVirt VM is refused with a message", async ({ page }) => {
  const crashes = watchForCrashes(page);
  await page.goto('/_host/ovirt/');
  await page.getByRole('button', { name: 'web-frontend', exact: true }).click();
  await expect(row(page, 'before-upgrade')).toBeVisible();
  await expectOneBackendPlugin(page, '/_host/ovirt/plugin/vm-snapshots', 'ovirt', { backend: 'kubevirt', vm: 'fedora-web' });
  // The portal's tab goes on.
  await expect(row(page, 'post-patch')).toBeVisible();
  expect(crashes).toEqual([]);
});
