// Stories: KubeVirt's whole snapshot API, as no other console offers it: a failure deadline on
// the snapshot, its indications in words (the worrying ones as warnings), restoring a running VM
// (the cluster stops it first, once the admin confirms) and restoring into a new VM.
import { expect, test } from '@playwright/test';
import { openSnapshots, resetBackend, snapshotRow, watchForCrashes } from './helpers';

const query = 'backend=kubevirt';

test.describe('KubeVirt: the whole snapshot API', () => {
  let problems: string[];
  test.beforeEach(async ({ page, request }) => {
    await resetBackend(request);
    problems = watchForCrashes(page);
  });
  test.afterEach(() => expect(problems).toEqual([]));

  test('the take-snapshot modal sends a 5-minute failure deadline by default', async ({ page }) => {
    await openSnapshots(page, query, 'rhel9-db');
    await page.getByRole('button', { name: 'Take snapshot' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByLabel('Failure deadline', { exact: true })).toHaveValue('5');
    await expect(dialog.getByLabel('Failure deadline unit')).toHaveValue('60');
    await expect(dialog.getByText('0: no limit.')).toBeVisible();
    const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/virtualmachinesnapshots'));
    await dialog.getByRole('button', { name: 'Take snapshot' }).click();
    expect((await sent).postDataJSON().spec.failureDeadline).toBe('5m');
    await expect(page.getByRole('dialog')).toHaveCount(0);
  });

  test('a snapshot that outlives its failure deadline fails, and says why', async ({ page }) => {
    await openSnapshots(page, query, 'rhel9-db');
    await page.getByRole('button', { name: 'Take snapshot' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('rhel9-db-hasty');
    // The development backend takes 3 s for a snapshot: a 1-second deadline passes first.
    await dialog.getByLabel('Failure deadline', { exact: true }).fill('1');
    await dialog.getByLabel('Failure deadline unit').selectOption('seconds');
    const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/virtualmachinesnapshots'));
    await dialog.getByRole('button', { name: 'Take snapshot' }).click();
    expect((await sent).postDataJSON().spec.failureDeadline).toBe('1s');
    const row = snapshotRow(page, 'rhel9-db-hasty');
    await expect(row.getByText('Failed')).toBeVisible();
    await row.getByRole('button', { name: 'Why it failed' }).click();
    await expect(page.getByRole('dialog', { name: 'Why the snapshot failed' })).toHaveText('snapshot deadline exceeded');
  });

  test('a deadline that is not a whole number keeps the modal from sending', async ({ page }) => {
    await openSnapshots(page, query, 'rhel9-db');
    await page.getByRole('button', { name: 'Take snapshot' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Failure deadline', { exact: true }).fill('');
    await expect(dialog.getByText('Enter a whole number, 0 or more.')).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Take snapshot' })).toBeDisabled();
    await dialog.getByLabel('Failure deadline', { exact: true }).fill('0');
    await expect(dialog.getByRole('button', { name: 'Take snapshot' })).toBeEnabled();
  });

  test('indications are explained, the worrying ones as warnings', async ({ page }) => {
    await openSnapshots(page, query, 'fedora-web');
    const row = snapshotRow(page, 'fedora-web-snapshot-20261105-164000');
    const timeout = row.locator('[data-indication="QuiesceTimeout"]');
    await expect(timeout).toHaveText(/Freeze timed out/);
    await expect(timeout).toHaveClass(/pf-m-warning/);
    await expect(timeout).toHaveAttribute('title', /thawed before the snapshot was done/);
    await expect(row.locator('[data-indication="GuestAgent"]')).not.toHaveClass(/pf-m-warning/);
    await row.getByRole('link', { name: 'fedora-web-snapshot-20261105-164000' }).click();
    const explained = page.getByLabel('Indications explained');
    await expect(explained.getByRole('definition').filter({ hasText: 'thawed before the snapshot was done' })).toBeVisible();
    await expect(explained.getByRole('term').filter({ hasText: 'Freeze timed out (warning)' })).toBeVisible();
    await expect(explained.getByRole('term').filter({ hasText: 'Online' })).toBeVisible();
  });

  test('Paused and PartialSnapshot are warned of before a restore', async ({ page }) => {
    await openSnapshots(page, query, 'rhel9-db');
    await expect(snapshotRow(page, 'rhel9-db-snap-10').locator('[data-indication="Paused"]')).toHaveClass(/pf-m-warning/);
    await page.getByRole('button', { name: 'Actions for rhel9-db-snap-2' }).click();
    await page.getByRole('menuitem', { name: 'Restore' }).click();
    const warning = page.getByRole('dialog').getByTestId('restore-indications');
    await expect(warning).toContainText('This snapshot may not hold what you expect');
    await expect(warning).toContainText('Partial: Some of the VM\'s volumes could not be snapshotted');
    await expect(warning).toContainText('Volume pgdata was not included');
  });

  test('a running VM is restored once the admin confirms it is stopped first (StopTarget)', async ({ page }) => {
    await openSnapshots(page, query, 'fedora-web');
    await page.getByRole('button', { name: 'Actions for fedora-web-snapshot-20261001-091500' }).click();
    await page.getByRole('menuitem', { name: 'Restore' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByText('The VM is running')).toBeVisible();
    const restore = dialog.getByRole('button', { name: 'Restore' });
    await expect(restore).toBeDisabled();
    await dialog.getByLabel('Stop the VM, then restore it').check();
    await expect(restore).toBeEnabled();
    const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/virtualmachinerestores'));
    await restore.click();
    const body = (await sent).postDataJSON();
    expect(body.spec.targetReadinessPolicy).toBe('StopTarget');
    expect(body.spec.target.name).toBe('fedora-web');
    await expect(page.getByText('fedora-web was restored to fedora-web-snapshot-20261001-091500.')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('button', { name: 'Start VM' })).toBeVisible();
  });

  test('a snapshot is restored into a new VM, the running one untouched', async ({ page }) => {
    await openSnapshots(page, query, 'fedora-web');
    await page.getByRole('button', { name: 'Actions for fedora-web-snapshot-20261001-091500' }).click();
    await page.getByRole('menuitem', { name: 'Restore' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('A new VM').check();
    await expect(dialog.getByText('The VM is running')).toHaveCount(0);
    const name = dialog.getByLabel('New VM name');
    await expect(name).toHaveValue('fedora-web-restored');
    await name.fill('fedora-web');
    await expect(dialog.getByText('A VM named fedora-web already exists.')).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Restore' })).toBeDisabled();
    await name.fill('fedora-web-copy');
    const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/virtualmachinerestores'));
    await dialog.getByRole('button', { name: 'Restore' }).click();
    const body = (await sent).postDataJSON();
    expect(body.spec.target.name).toBe('fedora-web-copy');
    expect(body.spec.volumeRestorePolicy).toBe('PrefixTargetName');
    expect(body.spec.targetReadinessPolicy).toBeUndefined();
    await expect(page.getByText('VM fedora-web-copy was created.')).toBeVisible({ timeout: 20_000 });
    await page.goto(`/?${query}`);
    await expect(page.getByRole('row').filter({ hasText: 'fedora-web-copy' })).toContainText('Stopped');
    await expect(page.getByRole('row').filter({ hasText: /^fedora-web\s*Running/ })).toHaveCount(1);
  });
});
