// Stories: an admin opens the VM list, picks a VM, and reads its snapshots, on each backend.
import { expect, test, type Page } from '@playwright/test';
import { stories } from './backends';
import { resetBackend, watchForCrashes } from './helpers';

test.beforeEach(async ({ request }) => resetBackend(request));

async function openVm(page: Page, query: string, vm: string) {
  await page.goto(`/?${query}`);
  await page.getByRole('link', { name: vm, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: vm })).toBeVisible();
}

for (const story of stories) {
  test.describe(story.label, () => {
    test('the VM list shows every VM with its status, each name a link', async ({ page }) => {
      const crashes = watchForCrashes(page);
      await page.goto(`/?${story.query}`);
      const table = page.getByRole('grid', { name: 'Virtual machines' });
      await expect(table.getByRole('row')).toHaveCount(story.vms.length + 1);
      for (const [name, status] of story.vms) {
        const row = table.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
        await expect(row).toHaveCount(1);
        await expect(row.locator('[data-status]').first()).toHaveAttribute('data-status', status);
      }
      expect(crashes).toEqual([]);
    });

    test("a VM's Snapshots tab lists that VM's snapshots with date and status, and survives a reload", async ({ page }) => {
      const crashes = watchForCrashes(page);
      const { vm, snapshots } = story.withSnapshots;
      await openVm(page, story.query, vm);
      await page.getByRole('tab', { name: 'Snapshots' }).click();
      await expect(page).toHaveURL(new RegExp(`/snapshots\\?${story.query.replace(/[?&]/g, '.')}`));
      await expect(page.getByRole('tab', { name: 'Snapshots' })).toHaveAttribute('aria-selected', 'true');

      const table = page.getByRole('grid', { name: 'Snapshots' });
      await expect(table.getByRole('row')).toHaveCount(snapshots.length + 1);
      for (const [name, date, status] of snapshots) {
        const row = table.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });
        await expect(row.locator('time')).toHaveText(date);
        await expect(row.locator('[data-status]')).toHaveAttribute('data-status', status);
      }

      // A shared link or a reload lands on the same tab, same backend, same rows.
      await page.reload();
      await expect(page.getByRole('grid', { name: 'Snapshots' }).getByRole('row')).toHaveCount(snapshots.length + 1);
      await expect(page.locator('[data-backend]')).toHaveAttribute('data-backend', story.query.includes('kubevirt') ? 'kubevirt' : 'ovirt');
      expect(crashes).toEqual([]);
    });

    test(`the Snapshots tab shows ${story.special.status.toLowerCase()} snapshots as such`, async ({ page }) => {
      await openVm(page, story.query, story.special.vm);
      await page.getByRole('tab', { name: 'Snapshots' }).click();
      const row = page
        .getByRole('grid', { name: 'Snapshots' })
        .getByRole('row')
        .filter({ has: page.getByRole('cell', { name: story.special.snapshot, exact: true }) });
      await expect(row.locator('[data-status]')).toHaveAttribute('data-status', story.special.status);
    });

    test('a VM without snapshots says so', async ({ page }) => {
      await openVm(page, story.query, story.empty);
      await page.getByRole('tab', { name: 'Snapshots' }).click();
      await expect(page.getByRole('heading', { name: 'No snapshots yet' })).toBeVisible();
    });

    if (story.unsnapshottable) {
      const { vm, disk, reason } = story.unsnapshottable;
      test("the Overview tab lists the VM's disks and why one cannot be snapshotted", async ({ page }) => {
        await openVm(page, story.query, vm);
        const row = page
          .getByRole('grid', { name: 'Disks' })
          .getByRole('row')
          .filter({ has: page.getByRole('cell', { name: disk, exact: true }) });
        await expect(row).toContainText(reason);
      });
    }

    test('links move between the pages without reloading the app, Back and Forward follow, and an unknown address says so', async ({ page }) => {
      const crashes = watchForCrashes(page);
      const { vm } = story.withSnapshots;
      await page.goto(`/?${story.query}`);
      // A mark on the page's window: a reload would lose it.
      await page.evaluate(() => ((window as any).stillHere = true));
      await page.getByRole('link', { name: vm, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: vm })).toBeVisible();
      await expect(page.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');
      await page.getByRole('tab', { name: 'Snapshots' }).click();
      await expect(page.getByRole('grid', { name: 'Snapshots' })).toHaveAttribute('aria-busy', 'false');
      // Each link kept the backend's query.
      await expect(page).toHaveURL(new RegExp(`/vms/[^/]+/snapshots\\?${story.query.replace(/[?&]/g, '.')}$`));
      await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Virtual machines' }).click();
      await expect(page.getByRole('grid', { name: 'Virtual machines' })).toBeVisible();
      expect(await page.evaluate(() => (window as any).stillHere)).toBe(true);

      // Back and Forward go through the same pages, still without a reload.
      await page.goBack();
      await expect(page.getByRole('tab', { name: 'Snapshots' })).toHaveAttribute('aria-selected', 'true');
      await page.goBack();
      await expect(page.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');
      await page.goForward();
      await expect(page.getByRole('grid', { name: 'Snapshots' })).toBeVisible();
      expect(await page.evaluate(() => (window as any).stillHere)).toBe(true);

      // A click with Ctrl is the browser's (a new tab): the page stays where it is.
      const opened = page.context().waitForEvent('page');
      await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Virtual machines' }).click({ modifiers: ['Control'] });
      const other = await opened;
      await other.close();
      await expect(page.getByRole('tab', { name: 'Snapshots' })).toHaveAttribute('aria-selected', 'true');

      await page.goto(`/vms/${vm}/elsewhere?${story.query}`);
      await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
      expect(crashes).toEqual([]);
    });

    test('an unknown VM shows an error with a Retry button, not a blank page', async ({ page }) => {
      const crashes = watchForCrashes(page);
      await page.goto(`/vms/no-such-vm/snapshots?${story.query}`);
      const alert = page.getByRole('alert').first();
      await expect(alert).toContainText('Not found');
      await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();
      expect(crashes).toEqual([]);
    });
  });
}
