// Stories: the tab by keyboard alone, as the WAI-ARIA Authoring Practices describe the modal
// dialog and the menu button: focus goes into a dialog and stays there, Escape gives it back to
// what opened it; a kebab opens on its first or last item, arrows, Home, End and letters move,
// Escape returns to the kebab, Tab and a click outside close it.
import { expect, test, type Page } from '@playwright/test';
import { openSnapshots, resetBackend } from './helpers';

const backends = [
  { label: 'oVirt (XML)', query: 'backend=ovirt&format=xml', vm: 'db-primary', snapshot: 'snap-2' },
  { label: 'oVirt (JSON)', query: 'backend=ovirt&format=json', vm: 'db-primary', snapshot: 'snap-2' },
  { label: 'KubeVirt', query: 'backend=kubevirt', vm: 'rhel9-db', snapshot: 'rhel9-db-snap-2' },
];

test.beforeEach(async ({ request }) => resetBackend(request));

test('toasts are announced politely: they sit in an aria-live region', async ({ page }) => {
  await openSnapshots(page, 'backend=kubevirt', 'rhel9-db');
  await page.getByRole('button', { name: 'Actions for rhel9-db-snap-2', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Restore', exact: true }).click();
  await page.getByRole('dialog', { name: 'Restore rhel9-db?' }).getByRole('button', { name: 'Restore' }).click();
  const group = page.locator('.pf-v6-c-alert-group.pf-m-toast');
  await expect(group.getByRole('status').filter({ hasText: 'rhel9-db was restored to rhel9-db-snap-2.' })).toBeVisible({
    timeout: 15_000,
  });
  await expect(group).toHaveAttribute('aria-live', 'polite');
});

/** Whether focus is inside the open dialog. */
const focusInDialog = (page: Page) => page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]'));

for (const b of backends) {
  test.describe(b.label, () => {
    test('a modal takes focus to its first field, keeps Tab inside, and Escape gives focus back to its button', async ({ page }) => {
      await openSnapshots(page, b.query, b.vm);
      const opener = page.getByRole('button', { name: 'Take snapshot' }).first();
      await opener.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: `Take snapshot of ${b.vm}` });
      await expect(dialog).toBeVisible();
      await expect(dialog.getByLabel('Name')).toBeFocused();
      for (let i = 0; i < 25; i++) {
        await page.keyboard.press('Tab');
        expect(await focusInDialog(page)).toBe(true);
      }
      await dialog.getByLabel('Name').focus();
      for (let i = 0; i < 25; i++) {
        await page.keyboard.press('Shift+Tab');
        expect(await focusInDialog(page)).toBe(true);
      }
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
      await expect(opener).toBeFocused();
    });

    test("a kebab opens by keyboard on its first or last item, and arrows, Home, End and letters move", async ({ page }) => {
      await openSnapshots(page, b.query, b.vm);
      const kebab = page.getByRole('button', { name: `Actions for ${b.snapshot}`, exact: true });
      const items = page.getByRole('menuitem');
      await kebab.focus();
      await page.keyboard.press('Enter');
      await expect(kebab).toHaveAttribute('aria-expanded', 'true');
      await expect(items.first()).toBeFocused();
      const labels = (await items.allInnerTexts()).map((t) => t.split('\n')[0].trim());
      await page.keyboard.press('ArrowDown');
      await expect(items.nth(1)).toBeFocused();
      await page.keyboard.press('End');
      await expect(items.last()).toBeFocused();
      await page.keyboard.press('ArrowDown');
      await expect(items.first()).toBeFocused();
      await page.keyboard.press('ArrowUp');
      await expect(items.last()).toBeFocused();
      await page.keyboard.press('Home');
      await expect(items.first()).toBeFocused();
      // A letter moves to the next item that starts with it.
      await page.keyboard.press('d');
      await expect(items.nth(labels.findIndex((l) => l.startsWith('D')))).toBeFocused();
      await page.keyboard.press('Escape');
      await expect(page.getByRole('menu')).toHaveCount(0);
      await expect(kebab).toBeFocused();

      await page.keyboard.press('ArrowUp');
      await expect(items.last()).toBeFocused();
      await page.keyboard.press('Escape');
      await page.keyboard.press('ArrowDown');
      await expect(items.first()).toBeFocused();
      await page.keyboard.press('Escape');
      await expect(kebab).toBeFocused();
    });

    test('a sortable header sorts with Enter and with Space, and aria-sort says how', async ({ page }) => {
      await openSnapshots(page, b.query, b.vm);
      const date = page.getByRole('columnheader', { name: /Date/ });
      const name = page.getByRole('columnheader', { name: /Name/ });
      await expect(name).toHaveAttribute('aria-sort', 'ascending');
      await expect(date).toHaveAttribute('aria-sort', 'none');
      await date.getByRole('button').focus();
      await page.keyboard.press('Enter');
      await expect(date).not.toHaveAttribute('aria-sort', 'none');
      const first = await date.getAttribute('aria-sort');
      await expect(name).toHaveAttribute('aria-sort', 'none');
      await page.keyboard.press(' ');
      await expect(date).toHaveAttribute('aria-sort', first === 'ascending' ? 'descending' : 'ascending');
      await expect(date.getByRole('button')).toBeFocused();
    });

    test('Tab or a click outside closes a kebab; a dialog opened from it gives focus back to the kebab', async ({ page }) => {
      await openSnapshots(page, b.query, b.vm);
      const kebab = page.getByRole('button', { name: `Actions for ${b.snapshot}`, exact: true });
      await kebab.click();
      await expect(page.getByRole('menu')).toBeVisible();
      await page.keyboard.press('Tab');
      await expect(page.getByRole('menu')).toHaveCount(0);

      await kebab.click();
      await expect(page.getByRole('menu')).toBeVisible();
      await page.getByRole('heading', { level: 1, name: b.vm }).click();
      await expect(page.getByRole('menu')).toHaveCount(0);

      await kebab.focus();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('menuitem').first()).toBeFocused();
      await page.keyboard.press('d');
      await expect(page.getByRole('menuitem', { name: 'Delete' })).toBeFocused();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog');
      await expect(dialog).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
      await expect(kebab).toBeFocused();
    });
  });
}
