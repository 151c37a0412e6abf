// Not a story: a picture of every view and modal (end2end/tests/views.ts), per backend, in the
// light and the dark theme at 1366×768, written to target/screenshots/<backend>-<view>-<theme>.png.
import { test } from '@playwright/test';
import path from 'node:path';
import { resetBackend } from '../tests/helpers';
import { backends, viewsOf } from '../tests/views';

const out = path.resolve(__dirname, '..', '..', 'target', 'screenshots');

for (const b of backends) {
  for (const v of viewsOf(b)) {
    for (const theme of ['light', 'dark'] as const) {
      test(`${b.slug}-${v.name}-${theme}`, async ({ page, request }) => {
        await resetBackend(request);
        await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
        await v.open(page, b);
        await page.screenshot({ path: path.join(out, `${b.slug}-${v.name}-${theme}.png`) });
      });
    }
  }
}
