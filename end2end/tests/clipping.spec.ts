// Stories: nothing is clipped on a laptop (1366×768), a small screen (1024×768) or a large one
// (1920×1080): every column title is whole, every item of the first and the last row's menu can
// be clicked where it is drawn, and the take-snapshot modal, with its schedule open, shows its
// title and its button.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { openSnapshots, resetBackend, SHOWN_ROWS } from './helpers';
import { backends, openTab, openTakeSnapshotWithSchedule } from './views';

test.beforeEach(async ({ request }) => resetBackend(request));

/** The titles whose text overflows its box (cut or ellipsed). */
const cutTitles = (page: Page, table: string) =>
  page.getByRole('grid', { name: table }).evaluate((t) =>
    [...t.querySelectorAll('thead th')]
      .flatMap((th) => [th, ...th.querySelectorAll('.pf-v6-c-table__text, .pf-v6-c-table__button')])
      .filter((el) => el.scrollWidth > el.clientWidth + 0.5)
      .map((el) => el.textContent?.trim() ?? ''),
  );

/** Whether the element drawn at the centre of `l` is `l` itself (or inside it), in the viewport. */
const hitAtCentre = (l: Locator) =>
  l.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const inView = r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return inView && !!hit && el.contains(hit);
  });

/** Opens the kebab of `row` (scrolled to the bottom of the viewport, the worst place) and checks every item. */
async function everyItemClickable(page: Page, row: Locator) {
  const kebab = row.getByRole('button', { name: /^Actions for / });
  await kebab.evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await kebab.click();
  const items = page.getByRole('menu').getByRole('menuitem');
  await expect(items.first()).toBeFocused();
  const labels = await items.allTextContents();
  expect(labels.length).toBeGreaterThan(0);
  for (let i = 0; i < labels.length; i++) {
    await expect.poll(() => hitAtCentre(items.nth(i)), { message: `${labels[i]} is clickable where it is drawn` }).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
}

for (const size of [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
  { width: 1920, height: 1080 },
]) {
  for (const b of backends) {
    test.describe(`${b.label} at ${size.width}×${size.height}`, () => {
      test.use({ viewport: size });

      test('every column title is whole, in the Snapshots table and the VM list', async ({ page }) => {
        await openTab(page, b);
        expect(await cutTitles(page, 'Snapshots')).toEqual([]);
        await page.getByRole('link', { name: 'Virtual machines' }).click();
        await expect(page.getByRole('grid', { name: 'Virtual machines' }).getByRole('link', { name: b.vm })).toBeVisible();
        expect(await cutTitles(page, 'Virtual machines')).toEqual([]);
      });

      test("every item of the first and the last row's menu can be clicked where it is drawn", async ({ page }) => {
        await openSnapshots(page, b.query, b.vm);
        const rows = page.getByRole('grid', { name: 'Snapshots' }).locator(SHOWN_ROWS);
        await everyItemClickable(page, rows.first());
        await everyItemClickable(page, rows.last());
      });

      test('the take-snapshot modal with its schedule open shows its title and its primary button', async ({ page }) => {
        const dialog = await openTakeSnapshotWithSchedule(page, b);
        await expect.poll(() => hitAtCentre(dialog.getByRole('heading', { name: `Take snapshot of ${b.vm}` }))).toBe(true);
        await expect.poll(() => hitAtCentre(dialog.getByRole('button', { name: 'Schedule' }))).toBe(true);
        // The body scrolls between them: its last field can be reached.
        await dialog.getByLabel('Keep the last N snapshots').scrollIntoViewIfNeeded();
        await expect.poll(() => hitAtCentre(dialog.getByLabel('Keep the last N snapshots'))).toBe(true);
        await expect.poll(() => hitAtCentre(dialog.getByRole('heading', { name: `Take snapshot of ${b.vm}` }))).toBe(true);
      });
    });
  }
}
