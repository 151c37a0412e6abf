// Stories: work in progress is told to screen readers, not only drawn: a table that loads is
// aria-busy, a modal's button that is sending is aria-busy with a progressbar, and a snapshot
// being taken has a progressbar in its row until it is done.
import { expect, test } from '@playwright/test';
import { openSnapshots, resetBackend, snapshotRow } from './helpers';

const backends = [
  { label: 'oVirt (XML)', query: 'backend=ovirt&format=xml', vm: 'db-primary', list: '/snapshots' },
  { label: 'oVirt (JSON)', query: 'backend=ovirt&format=json', vm: 'db-primary', list: '/snapshots' },
  { label: 'KubeVirt', query: 'backend=kubevirt', vm: 'rhel9-db', list: '/virtualmachinesnapshots' },
];

test.beforeEach(async ({ request }) => resetBackend(request));

for (const b of backends) {
  test.describe(b.label, () => {
    test('the Snapshots table is aria-busy while it loads, and not once it has', async ({ page }) => {
      let release: () => void = () => {};
      const held = new Promise<void>((r) => (release = r));
      await page.route(
        (url) => url.pathname.endsWith(b.list),
        async (route) => {
          await held;
          await route.continue();
        },
      );
      await page.goto(`/?${b.query}`);
      await page.getByRole('link', { name: b.vm, exact: true }).click();
      await page.getByRole('tab', { name: 'Snapshots' }).click();
      const table = page.getByRole('grid', { name: 'Snapshots' });
      await expect(table).toHaveAttribute('aria-busy', 'true');
      release();
      await expect(table).toHaveAttribute('aria-busy', 'false');
      await expect(table.locator('tbody tr').first()).toBeVisible();
    });

    test('a snapshot being taken: the button is busy while it sends, and the row has a progressbar until it is done', async ({ page }) => {
      await openSnapshots(page, b.query, b.vm);
      let release: () => void = () => {};
      const held = new Promise<void>((r) => (release = r));
      await page.route(
        (url) => url.pathname.endsWith(b.list),
        async (route) => {
          if (route.request().method() === 'POST') await held;
          await route.continue();
        },
      );
      await page.getByRole('button', { name: 'Take snapshot' }).first().click();
      const dialog = page.getByRole('dialog', { name: `Take snapshot of ${b.vm}` });
      await dialog.getByLabel('Name').fill('told-to-screen-readers');
      const send = dialog.getByRole('button', { name: 'Take snapshot' });
      await send.click();
      await expect(send).toHaveAttribute('aria-busy', 'true');
      await expect(send.getByRole('progressbar', { name: 'Sending' })).toBeVisible();
      release();
      await expect(dialog).toBeHidden();
      const row = snapshotRow(page, 'told-to-screen-readers');
      await expect(row.getByRole('progressbar')).toBeVisible();
      await expect(row.locator('[data-status]')).toHaveAttribute('data-status', 'OK', { timeout: 15_000 });
      await expect(row.getByRole('progressbar')).toHaveCount(0);
    });
  });
}
