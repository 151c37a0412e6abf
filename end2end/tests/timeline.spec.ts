// Stories: the timeline. A view switch on the Snapshots tab shows, on one time axis, the taken
// snapshots, the next runs of each schedule, the past restores (where the backend reports them)
// and "Now". A mark opens its details, by mouse and by keyboard; marks too close to tell apart
// are one numbered mark that zooms in, so 2,000 snapshots stay readable.
import { expect, test, type Page } from '@playwright/test';
import { openSnapshots, resetBackend, SHOWN_TAKEN_ROWS, watchForCrashes } from './helpers';

interface Backend {
  label: string;
  query: string;
  kubevirt: boolean;
  /** A VM with snapshots and a weekly schedule, and the schedule. */
  vm: string;
  schedule: string;
}

const backends: Backend[] = [
  { label: 'oVirt (XML)', query: 'backend=ovirt&format=xml', kubevirt: false, vm: 'db-primary', schedule: 'weekly backup' },
  { label: 'oVirt (JSON)', query: 'backend=ovirt&format=json', kubevirt: false, vm: 'db-primary', schedule: 'weekly backup' },
  { label: 'KubeVirt', query: 'backend=kubevirt', kubevirt: true, vm: 'rhel9-db', schedule: 'weekly-backup' },
];

const chart = (page: Page) => page.getByRole('group', { name: 'Timeline of snapshots, scheduled runs and restores' });
const marks = (page: Page, lane: string) => chart(page).locator(`.vms-tl-mark[data-lane="${lane}"]`);

async function openTimeline(page: Page, b: Backend, vm: string) {
  await openSnapshots(page, b.query, vm);
  await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Timeline' }).click();
  await expect(chart(page)).toBeVisible();
}

/** How many marks a lane stands for: a numbered mark counts its number. */
async function counted(page: Page, lane: string): Promise<number> {
  const counts = await marks(page, lane).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
  return counts.reduce((n, c) => n + c, 0);
}

for (const b of backends) {
  test.describe(`The timeline on ${b.label}`, () => {
    test.beforeEach(async ({ request }) => resetBackend(request));

    test('snapshots, the schedule\'s next runs and Now on one axis; a mark opens its details by mouse', async ({ page }) => {
      const crashes = watchForCrashes(page);
      await openSnapshots(page, b.query, b.vm);
      await expect(page.locator(SHOWN_TAKEN_ROWS).first()).toBeVisible();
      const taken = await page.locator(SHOWN_TAKEN_ROWS).count();
      await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Timeline' }).click();
      await expect(chart(page)).toBeVisible();
      await expect(page).toHaveURL(/view=timeline/);
      await expect(page.getByRole('grid', { name: 'Snapshots' })).toHaveCount(0);
      // Every taken snapshot, the schedule's next five runs, and Now.
      expect(await counted(page, 'taken')).toBe(taken);
      expect(await counted(page, 'runs')).toBe(5);
      await expect(chart(page).locator('[data-now]')).toContainText('Now');
      if (b.kubevirt) await expect(chart(page).locator('[data-restores]')).toHaveCount(0);
      else await expect(chart(page).locator('[data-restores="not-reported"]')).toContainText('oVirt does not report past restores');

      // A snapshot's mark opens its details; back, the timeline is still shown.
      const single = chart(page).locator('.vms-tl-mark[data-lane="taken"][data-count="1"]').first();
      const name = (await single.getAttribute('aria-label'))!.match(/^(.*), \d{1,2} \w{3} \d{4} \d{2}:\d{2}\. Opens its details\.$/)![1];
      await single.click();
      await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
      await page.getByRole('link', { name: '← Back to snapshots' }).click();
      await expect(chart(page)).toBeVisible();
      // A next run's mark opens the schedule.
      await marks(page, 'runs').first().click();
      await expect(page.getByRole('heading', { name: b.schedule })).toBeVisible();
      expect(crashes).toEqual([]);
    });

    test('opened by its address, the drawing is as wide as its box, and follows the window\'s width', async ({ page }) => {
      const crashes = watchForCrashes(page);
      await page.setViewportSize({ width: 1500, height: 900 });
      await openTimeline(page, b, b.vm);
      // The page opened again at the timeline's address: the timeline is built before the page
      // is laid out (the page is laid out once its first reads have come).
      await page.reload();
      await expect(chart(page)).toBeVisible();
      const drawnAndBox = () =>
        page.locator('.vms-tl-box').evaluate((box) => [Number(box.querySelector('svg')!.getAttribute('width')), box.clientWidth]);
      const [drawn, box] = await drawnAndBox();
      expect(box).toBeGreaterThan(1100);
      expect(drawn).toBe(box);
      await page.setViewportSize({ width: 900, height: 900 });
      await expect.poll(async () => { const [d, b] = await drawnAndBox(); return d === b && b < 900; }).toBe(true);
      expect(crashes).toEqual([]);
    });

    test('by keyboard: Tab reaches the marks, arrows move between them, Enter opens one', async ({ page }) => {
      await openTimeline(page, b, b.vm);
      await page.getByRole('button', { name: 'Show all' }).focus();
      await page.keyboard.press('Tab');
      const first = marks(page, 'taken').first();
      await expect(first).toBeFocused();
      await page.keyboard.press('ArrowRight');
      await expect(marks(page, 'taken').nth(1)).toBeFocused();
      await page.keyboard.press('ArrowLeft');
      await expect(first).toBeFocused();
      // End: the last mark (the schedule's last run shown); Enter opens the schedule.
      await page.keyboard.press('End');
      await expect(marks(page, 'runs').last()).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('heading', { name: b.schedule })).toBeVisible();
    });

    test('2,000 snapshots are numbered clusters; activating one zooms in until a single mark opens', async ({ page }) => {
      const crashes = watchForCrashes(page);
      await openTimeline(page, b, 'archive-vm');
      expect(await counted(page, 'taken')).toBe(2000);
      const drawn = await marks(page, 'taken').count();
      expect(drawn).toBeLessThan(120);
      const cluster = chart(page).locator('.vms-tl-mark[data-lane="taken"]:not([data-count="1"])').first();
      const range = await page.locator('[data-range]').textContent();
      const size = Number(await cluster.getAttribute('data-count'));
      expect(size).toBeGreaterThan(1);
      // By keyboard: focus it and press Enter; the axis shows a shorter span.
      await cluster.focus();
      await page.keyboard.press('Enter');
      await expect(page.locator('[data-range]')).not.toHaveText(range!);
      await expect(marks(page, 'taken').first()).toBeFocused();
      // Zoomed in, its marks are told apart: click single marks until one opens its details.
      for (let i = 0; i < 5 && (await marks(page, 'taken').first().getAttribute('data-count')) !== '1'; i++) {
        await marks(page, 'taken').first().click();
      }
      const single = marks(page, 'taken').first();
      await expect(single).toHaveAttribute('data-count', '1');
      const name = (await single.getAttribute('aria-label'))!.split(',')[0];
      await single.click();
      await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
      expect(crashes).toEqual([]);
    });
  });
}

test.describe('The timeline on KubeVirt: past restores', () => {
  test.beforeEach(async ({ request }) => resetBackend(request));

  test('a restore shows on the Restores lane and opens the snapshot it restored', async ({ page, request }) => {
    const made = await request.post('/apis/snapshot.kubevirt.io/v1beta1/namespaces/default/virtualmachinerestores', {
      data: {
        apiVersion: 'snapshot.kubevirt.io/v1beta1',
        kind: 'VirtualMachineRestore',
        metadata: { name: 'restore-from-story', namespace: 'default' },
        spec: { target: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'rhel9-db' }, virtualMachineSnapshotName: 'rhel9-db-snap-10' },
      },
    });
    expect(made.ok()).toBeTruthy();
    await expect
      .poll(async () => {
        const r = await (await request.get('/apis/snapshot.kubevirt.io/v1beta1/namespaces/default/virtualmachinerestores/restore-from-story')).json();
        return r.status?.complete === true;
      }, { timeout: 20_000 })
      .toBe(true);
    await openTimeline(page, backends[2], 'rhel9-db');
    const restore = marks(page, 'restores');
    await expect(restore).toHaveCount(1);
    await expect(restore).toHaveAttribute('aria-label', /^Restored from rhel9-db-snap-10, /);
    await restore.focus();
    await page.keyboard.press(' ');
    await expect(page.getByRole('heading', { name: 'rhel9-db-snap-10' })).toBeVisible();
  });
});
