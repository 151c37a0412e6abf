// Stories: retention you can see. A schedule keeps its newest N snapshots; "Keep forever" pins
// one so that it is never pruned; several schedules of one VM each prune only their own; and the
// schedule form says in words what the next run deletes, by the scheduler's own rule.
// The development backend's "run now" (`POST /_dev/schedules/run?name=`) fires a schedule at
// once, as its clock would.
import { expect, test, type Page } from '@playwright/test';
import { makeSchedule, openSnapshots, resetBackend, SHOWN_TAKEN_ROWS, snapshotRow, watchForCrashes } from './helpers';

interface Backend {
  label: string;
  query: string;
  kind: 'ovirt' | 'kubevirt';
  vm: string;
}

const backends: Backend[] = [
  { label: 'oVirt (XML)', query: 'backend=ovirt&format=xml', kind: 'ovirt', vm: 'scratch-vm' },
  { label: 'oVirt (JSON)', query: 'backend=ovirt&format=json', kind: 'ovirt', vm: 'scratch-vm' },
  { label: 'KubeVirt', query: 'backend=kubevirt', kind: 'kubevirt', vm: 'win-noagent' },
];

/** The names of the taken snapshots a schedule made (they start with its name), top to bottom. */
async function madeBy(page: Page, schedule: string): Promise<string[]> {
  const names = await page
    .getByRole('grid', { name: 'Snapshots' })
    .locator(`${SHOWN_TAKEN_ROWS} td[data-label="Name"] a`)
    .allTextContents();
  return names.filter((n) => n.startsWith(`${schedule}-`)).sort();
}

/** Runs the schedule now and waits until its new snapshot is done and it has pruned (its kept
 *  snapshots are then `expected` many). */
async function runNow(page: Page, schedule: string, expected: number) {
  const before = await madeBy(page, schedule);
  const r = await page.request.post(`/_dev/schedules/run?name=${schedule}`);
  expect(r.ok()).toBeTruthy();
  // A new name shows up, done.
  await expect.poll(async () => (await madeBy(page, schedule)).filter((n) => !before.includes(n)).length, { timeout: 30_000 }).toBe(1);
  const made = (await madeBy(page, schedule)).find((n) => !before.includes(n))!;
  await expect(snapshotRow(page, made).locator('[data-status]')).toHaveAttribute('data-status', 'OK', { timeout: 30_000 });
  await expect.poll(async () => (await madeBy(page, schedule)).length, { timeout: 30_000 }).toBe(expected);
  return made;
}

for (const b of backends) {
  test.describe(`${b.label}: retention`, () => {
    let problems: string[];
    test.beforeEach(async ({ page, request }) => {
      test.setTimeout(120_000);
      await resetBackend(request);
      problems = watchForCrashes(page);
    });
    test.afterEach(() => expect(problems).toEqual([]));

    test('a snapshot kept forever survives its schedule\'s pruning', async ({ page }) => {
      await makeSchedule(page.request, b, 'hourly', 1);
      // Refreshed every 2 s, so that the runs show on oVirt without waiting for the default.
      await openSnapshots(page, `${b.query}&refresh_seconds=2`, b.vm);
      const first = await runNow(page, 'hourly', 1);
      await page.getByRole('button', { name: `Actions for ${first}`, exact: true }).click();
      await page.getByRole('menuitem', { name: 'Keep forever' }).click();
      await expect(page.getByText(`${first} is kept forever: schedule hourly never prunes it.`)).toBeVisible();
      await expect(snapshotRow(page, first).locator('[data-pinned]')).toHaveText('Kept forever');
      const second = await runNow(page, 'hourly', 2);
      // Keep 1: the third run prunes the second, never the pinned first.
      const third = await runNow(page, 'hourly', 2);
      expect(await madeBy(page, 'hourly')).toEqual([first, third].sort());
      await expect(snapshotRow(page, second)).toHaveCount(0);
      // Unpinned, the first is pruned in its turn.
      await page.getByRole('button', { name: `Actions for ${first}`, exact: true }).click();
      await page.getByRole('menuitem', { name: 'Stop keeping forever' }).click();
      await expect(page.getByText(`${first} is no longer kept forever`)).toBeVisible();
      await expect.poll(() => madeBy(page, 'hourly'), { timeout: 30_000 }).toEqual([third]);
    });

    test('two schedules of one VM prune only their own snapshots', async ({ page }) => {
      await makeSchedule(page.request, b, 'often', 1);
      await makeSchedule(page.request, b, 'seldom', 1);
      await openSnapshots(page, `${b.query}&refresh_seconds=2`, b.vm);
      const o1 = await runNow(page, 'often', 1);
      const s1 = await runNow(page, 'seldom', 1);
      const o2 = await runNow(page, 'often', 1);
      expect(await madeBy(page, 'often')).toEqual([o2]);
      expect(await madeBy(page, 'seldom')).toEqual([s1]);
      await expect(snapshotRow(page, o1)).toHaveCount(0);
    });

    test('the schedule form says what the next run deletes', async ({ page }) => {
      await makeSchedule(page.request, b, 'daily', 2);
      await openSnapshots(page, `${b.query}&refresh_seconds=2`, b.vm);
      const first = await runNow(page, 'daily', 1);
      const second = await runNow(page, 'daily', 2);
      await page.getByRole('button', { name: 'Actions for daily', exact: true }).click();
      await page.getByRole('menuitem', { name: 'Edit' }).click();
      const dialog = page.getByRole('dialog', { name: 'Edit schedule daily' });
      const sentence = dialog.locator('[data-prune]');
      await expect(sentence).toHaveText(`Keep the last 2: the next run deletes ${first}.`);
      await dialog.getByLabel('Keep the last N snapshots').fill('3');
      await expect(sentence).toHaveText('Keep the last 3: the next run deletes nothing (2 of 3 kept so far).');
      await dialog.getByLabel('Keep the last N snapshots').fill('1');
      await expect(sentence).toHaveText(`Keep the last 1: the next run deletes ${first}, ${second}.`);
    });
  });
}
