// Stories: the VM list shows a VM's snapshot as it happens, says how it ended, and stops it where
// the backend can.
import { expect, test, type Page } from '@playwright/test';
import { expectNotReloaded, markPage, resetBackend } from './helpers';

test.beforeEach(async ({ request }) => resetBackend(request));

function statusOf(page: Page, vm: string) {
  return page
    .getByRole('grid', { name: 'Virtual machines' })
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: vm, exact: true }) })
    .locator('[data-status]')
    .first();
}

async function takeFromList(page: Page, vm: string, name: string) {
  await page.getByRole('button', { name: `Actions for ${vm}` }).click();
  await page.getByRole('menuitem', { name: 'Take snapshot' }).click();
  const dialog = page.getByRole('dialog', { name: `Take snapshot of ${vm}` });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByRole('button', { name: 'Take snapshot' }).click();
  await expect(dialog).toBeHidden();
}

for (const [label, query, vm, after] of [
  ['oVirt (XML)', 'backend=ovirt&format=xml', 'db-primary', 'Stopped'],
  ['oVirt (JSON)', 'backend=ovirt&format=json', 'web-frontend', 'Running'],
  ['KubeVirt', 'backend=kubevirt', 'fedora-web', 'Running'],
]) {
  test(`${label}: the VM list shows Snapshotting, then ${after} again without a reload, and a toast says it worked`, async ({ page }) => {
    await page.goto(`/?${query}`);
    await markPage(page);
    await takeFromList(page, vm, 'from-the-list');
    await expect(statusOf(page, vm)).toHaveAttribute('data-status', 'Snapshotting');
    // Meanwhile the VM's other actions wait.
    await page.getByRole('button', { name: `Actions for ${vm}` }).click();
    await expect(page.getByRole('menuitem', { name: /Take snapshot/ })).toHaveAttribute('aria-disabled', 'true');
    await page.keyboard.press('Escape');
    await expect(statusOf(page, vm)).toHaveAttribute('data-status', after, { timeout: 15_000 });
    await expect(page.getByRole('status').filter({ hasText: `Snapshot from-the-list of ${vm} is ready.` })).toBeVisible();
    await expectNotReloaded(page);
  });
}

test('KubeVirt: Stop snapshot stops a snapshot in progress', async ({ page }) => {
  await page.goto('/?backend=kubevirt');
  await takeFromList(page, 'win-noagent', 'stop-me');
  await expect(statusOf(page, 'win-noagent')).toHaveAttribute('data-status', 'Snapshotting');
  await page.getByRole('button', { name: 'Snapshotting: details' }).click();
  const popover = page.getByRole('dialog', { name: 'Taking a snapshot' });
  await expect(popover).toContainText('Snapshot: stop-me');
  await popover.getByRole('button', { name: 'Stop snapshot' }).click();
  await expect(statusOf(page, 'win-noagent')).toHaveAttribute('data-status', 'Running');
  await expect(page.getByRole('status').filter({ hasText: 'Snapshot stop-me of win-noagent was stopped.' })).toBeVisible();
});

test('oVirt: Stop snapshot is disabled and says why', async ({ page }) => {
  await page.goto('/?backend=ovirt');
  await takeFromList(page, 'db-primary', 'cannot-stop');
  await page.getByRole('button', { name: 'Snapshotting: details' }).click();
  const popover = page.getByRole('dialog', { name: 'Taking a snapshot' });
  await expect(popover).toContainText('Snapshot: cannot-stop');
  await expect(popover).toContainText('oVirt cannot stop a snapshot once it has started');
  await expect(popover.getByRole('button', { name: 'Stop snapshot' })).toBeDisabled();
});
