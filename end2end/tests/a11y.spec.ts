// Stories: every view and modal (views.ts) is checked by axe for WCAG 2.1 A and AA, in the light
// and the dark theme, per backend. Each story prints what axe found, and expects nothing.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { resetBackend, watchForCrashes } from './helpers';
import { backends, viewsOf } from './views';

test.beforeEach(async ({ request }) => resetBackend(request));

/** axe's violations on the page as it is, one line each: rule, and where. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} (${n.failureSummary ?? ''})`));
}

for (const b of backends) {
  test.describe(b.label, () => {
    for (const v of viewsOf(b)) {
      test(`${v.name}: axe finds no WCAG 2.1 AA violation, light or dark`, async ({ page }) => {
        const crashes = watchForCrashes(page);
        await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
        await v.open(page, b);
        await expect(page.locator('html')).not.toHaveClass(/pf-v6-theme-dark/);
        const light = await violations(page);
        await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
        await expect(page.locator('html')).toHaveClass(/pf-v6-theme-dark/);
        const dark = await violations(page);
        console.log(`axe: ${b.label}, ${v.name}: ${light.length} violations in the light theme, ${dark.length} in the dark`);
        expect(light).toEqual([]);
        expect(dark).toEqual([]);
        expect(crashes).toEqual([]);
      });
    }
  });
}
