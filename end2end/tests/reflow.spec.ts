// Stories: at 320 CSS px wide (WCAG's reflow: a 1280 px window at 400% zoom), nothing scrolls
// sideways: the Snapshots table becomes PatternFly's stacked grid, each cell under its column's
// name, its menus can be used, and the take-snapshot modal fits.
import { expect, test, type Page } from '@playwright/test';
import { openSnapshots, resetBackend } from './helpers';
import { backends } from './views';

test.beforeEach(async ({ request }) => resetBackend(request));
test.use({ viewport: { width: 320, height: 640 } });

/** How far the page is wider than the window (0 when nothing scrolls sideways). */
const overflowX = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

for (const b of backends) {
  test.describe(`${b.label} at 320 px`, () => {
    test('the VM list and the Snapshots table stack their cells under their column names, with no sideways scrolling', async ({ page }) => {
      await page.goto(`/?${b.query}`);
      await expect(page.getByRole('link', { name: b.vm, exact: true })).toBeVisible();
      expect(await overflowX(page)).toBeLessThanOrEqual(0);

      await openSnapshots(page, b.query, b.vm);
      expect(await overflowX(page)).toBeLessThanOrEqual(0);
      const first = page.getByRole('grid', { name: 'Snapshots' }).locator('tbody tr').first();
      const name = first.locator('td[data-label="Name"]');
      const date = first.locator('td[data-label="Date"]');
      // Stacked: Date is under Name, not beside it, and says what it is.
      const [n, d] = [await name.boundingBox(), await date.boundingBox()];
      expect(d!.y).toBeGreaterThanOrEqual(n!.y + n!.height - 1);
      expect(await date.evaluate((el) => getComputedStyle(el, '::before').content)).toBe('"Date"');
    });

    test("a row's menu opens inside the window and every item can be clicked where it is drawn", async ({ page }) => {
      await openSnapshots(page, b.query, b.vm);
      await page.getByRole('button', { name: `Actions for ${b.snapshot}`, exact: true }).click();
      const items = page.getByRole('menu').getByRole('menuitem');
      await expect(items.first()).toBeFocused();
      // Polled: the menu is placed again when the click's scrolling ends.
      for (const item of await items.all()) {
        const ok = () =>
          item.evaluate((el) => {
            const r = el.getBoundingClientRect();
            const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            return r.left >= 0 && r.right <= innerWidth && !!hit && el.contains(hit);
          });
        await expect.poll(ok).toBe(true);
      }
    });

    test('the take-snapshot modal fits the window, its title and its button in view', async ({ page }) => {
      await openSnapshots(page, b.query, b.vm);
      await page.getByRole('button', { name: 'Take snapshot' }).first().click();
      const dialog = page.getByRole('dialog', { name: `Take snapshot of ${b.vm}` });
      await dialog.getByLabel('Schedule snapshot for…').check();
      const box = await dialog.boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(320);
      await expect(dialog.getByRole('heading', { name: `Take snapshot of ${b.vm}` })).toBeInViewport();
      await expect(dialog.getByRole('button', { name: 'Schedule' })).toBeInViewport();
      expect(await overflowX(page)).toBeLessThanOrEqual(0);
    });
  });
}
