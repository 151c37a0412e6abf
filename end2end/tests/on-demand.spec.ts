// Stories: the app downloads what it shows. Each backend's adapter is a module of its own: a
// page downloads its backend's alone. The dialogs and the timeline come when they are first
// opened: the first one downloads the module that holds them all, once, and with it the module
// of the actions (what sends changes). A download that fails says so, with Retry, and loses
// nothing.
import { expect, test, type Page } from '@playwright/test';
import { makeSchedule, openSnapshots, resetBackend, snapshotRow, watchForCrashes } from './helpers';

const backends = [
  { label: 'oVirt (XML)', query: 'backend=ovirt&format=xml', vm: 'db-primary', adapter: 'ovirt', other: 'kubevirt' },
  { label: 'oVirt (JSON)', query: 'backend=ovirt&format=json', vm: 'db-primary', adapter: 'ovirt', other: 'kubevirt' },
  { label: 'KubeVirt', query: 'backend=kubevirt', vm: 'rhel9-db', adapter: 'kubevirt', other: 'ovirt' },
];

/** The names of the split modules the page asks for (split_<part>), as they are asked for. */
function modulesAsked(page: Page): string[] {
  const asked: string[] = [];
  page.on('request', (r) => {
    const m = /\/split_([a-z]+)[^/]*\.wasm$/.exec(new URL(r.url()).pathname);
    if (m) asked.push(m[1]);
  });
  return asked;
}

/** The downloads of the dialogs' module (split_parts), as they are asked for. */
function splitRequests(page: Page): string[] {
  const asked: string[] = [];
  page.on('request', (r) => {
    if (/\/split_parts[^/]*\.wasm$/.test(new URL(r.url()).pathname)) asked.push(r.url());
  });
  return asked;
}

const takeButton = (page: Page) => page.getByRole('button', { name: 'Take snapshot' }).first();

for (const b of backends) {
  test.describe(`Downloaded as needed, on ${b.label}`, () => {
    test.beforeEach(async ({ request }) => resetBackend(request));

    test(`the tab downloads the ${b.adapter} adapter, and not the ${b.other} one`, async ({ page }) => {
      const crashes = watchForCrashes(page);
      const asked = modulesAsked(page);
      await openSnapshots(page, b.query, b.vm);
      await expect(page.getByRole('grid', { name: 'Snapshots' }).getByRole('row')).not.toHaveCount(1);
      await expect(page.locator('[data-total]')).toContainText('Total size:');
      // KubeVirt's snapshot sizes are read after the table is shown, with code of their own.
      expect(asked).toEqual(b.adapter === 'kubevirt' ? ['kubevirt', 'sizes'] : ['ovirt']);
      expect(crashes).toEqual([]);
    });

    test('an adapter that cannot be downloaded says so with Retry, and Retry starts the tab', async ({ page }) => {
      const crashes = watchForCrashes(page);
      const adapter = `**/split_${b.adapter}*.wasm`;
      await page.route(adapter, (route) => route.abort('connectionreset'));
      await page.goto(`/vms/${b.vm}/snapshots?${b.query}`);
      const alert = page.getByRole('alert').filter({ hasText: 'Could not download this part of the app' });
      await expect(alert).toBeVisible();
      await expect(alert).toContainText('The part of the app that talks to this backend is downloaded when the tab starts, and the download failed.');
      await page.unroute(adapter);
      await alert.getByRole('button', { name: 'Retry' }).click();
      await expect(page.getByRole('grid', { name: 'Snapshots' }).getByRole('row')).not.toHaveCount(1);
      await expect(alert).toBeHidden();
      expect(crashes).toEqual([]);
    });

    test('the tab opens without the dialogs\' code; the first dialog downloads it once, and the timeline needs nothing more', async ({ page }) => {
      const crashes = watchForCrashes(page);
      const asked = splitRequests(page);
      await openSnapshots(page, b.query, b.vm);
      await expect(page.getByRole('grid', { name: 'Snapshots' }).getByRole('row')).not.toHaveCount(1);
      expect(asked).toHaveLength(0);

      await takeButton(page).click();
      const dialog = page.getByRole('dialog', { name: `Take snapshot of ${b.vm}` });
      await expect(dialog).toBeVisible();
      expect(asked).toHaveLength(1);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect(dialog).toBeHidden();

      await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Timeline' }).click();
      await expect(page.getByRole('group', { name: 'Timeline of snapshots, scheduled runs and restores' })).toBeVisible();
      await takeButton(page).click();
      await expect(dialog).toBeVisible();
      expect(asked).toHaveLength(1);
      expect(crashes).toEqual([]);
    });

    test('the tab reads without the actions\' code; the first dialog asks for it, and the snapshot is taken', async ({ page }) => {
      const crashes = watchForCrashes(page);
      const asked = modulesAsked(page);
      await openSnapshots(page, b.query, b.vm);
      await expect(page.getByRole('grid', { name: 'Snapshots' })).toHaveAttribute('aria-busy', 'false');
      expect(asked).not.toContain('actions');

      await takeButton(page).click();
      const dialog = page.getByRole('dialog', { name: `Take snapshot of ${b.vm}` });
      await expect(dialog).toBeVisible();
      await expect.poll(() => asked).toContain('actions');
      await dialog.getByLabel('Name').fill('sent-by-the-actions');
      await dialog.getByRole('button', { name: 'Take snapshot' }).click();
      await expect(dialog).toBeHidden();
      await expect(
        page.getByRole('grid', { name: 'Snapshots' }).getByRole('row').filter({ hasText: 'sent-by-the-actions' }),
      ).toBeVisible();
      expect(asked.filter((m) => m === 'actions')).toHaveLength(1);
      expect(crashes).toEqual([]);
    });

    test('actions that cannot be downloaded: the dialog says so, keeps what was typed, and sends once they can be', async ({ page }) => {
      const crashes = watchForCrashes(page);
      await page.route('**/split_actions*.wasm', (route) => route.abort('connectionreset'));
      await openSnapshots(page, b.query, b.vm);
      await takeButton(page).click();
      const dialog = page.getByRole('dialog', { name: `Take snapshot of ${b.vm}` });
      await dialog.getByLabel('Name').fill('sent-after-all');
      await dialog.getByLabel('Description').fill('typed before the failure');
      await dialog.getByRole('button', { name: 'Take snapshot' }).click();

      await expect(dialog).toContainText(
        'The part of the app that sends changes is downloaded the first time one is sent, and the download failed.',
      );
      await expect(dialog.getByLabel('Name')).toHaveValue('sent-after-all');
      await expect(dialog.getByLabel('Description')).toHaveValue('typed before the failure');

      await page.unroute('**/split_actions*.wasm');
      await dialog.getByRole('button', { name: 'Take snapshot' }).click();
      await expect(dialog).toBeHidden();
      await expect(
        page.getByRole('grid', { name: 'Snapshots' }).getByRole('row').filter({ hasText: 'sent-after-all' }),
      ).toBeVisible();
      expect(crashes).toEqual([]);
    });

    test('a schedule paused while the actions cannot be downloaded: the failure is told, and Pause works once they can be', async ({ page }) => {
      const crashes = watchForCrashes(page);
      // A change sent from a row's menu, with no dialog to say what went wrong.
      const vm = b.adapter === 'ovirt' ? 'scratch-vm' : 'win-noagent';
      await makeSchedule(page.request, { kind: b.adapter as 'ovirt' | 'kubevirt', vm }, 'hourly', 3);
      await page.route('**/split_actions*.wasm', (route) => route.abort('connectionreset'));
      await openSnapshots(page, b.query, vm);
      const row = snapshotRow(page, 'hourly');
      await expect(row.locator('[data-status]')).not.toHaveAttribute('data-status', 'Paused');
      await page.getByRole('button', { name: 'Actions for hourly', exact: true }).click();
      await page.getByRole('menuitem', { name: 'Pause' }).click();
      const told = page.getByText(
        'Schedule hourly could not be paused: The part of the app that sends changes is downloaded the first time one is sent, and the download failed.',
      );
      await expect(told).toBeVisible();
      await expect(row.locator('[data-status]')).not.toHaveAttribute('data-status', 'Paused');

      await page.unroute('**/split_actions*.wasm');
      await page.getByRole('button', { name: 'Actions for hourly', exact: true }).click();
      await page.getByRole('menuitem', { name: 'Pause' }).click();
      await expect(row.locator('[data-status]')).toHaveAttribute('data-status', 'Paused');
      await page.getByRole('button', { name: 'Actions for hourly', exact: true }).click();
      await expect(page.getByRole('menuitem', { name: 'Resume' })).toBeVisible();
      expect(crashes).toEqual([]);
    });

    test('a failed download says so in a dialog with Retry and Cancel, and Retry opens the dialog', async ({ page }) => {
      const crashes = watchForCrashes(page);
      await page.route('**/split_parts*.wasm', (route) => route.abort('connectionreset'));
      await openSnapshots(page, b.query, b.vm);
      await takeButton(page).click();

      const failed = page.getByRole('dialog', { name: 'Could not download this part of the app' });
      await expect(failed).toBeVisible();
      await expect(failed).toContainText('This dialog is downloaded the first time it is opened, and the download failed.');
      await failed.getByRole('button', { name: 'Cancel' }).click();
      await expect(failed).toBeHidden();

      await expect(takeButton(page)).toBeFocused();
      await takeButton(page).click();
      await expect(failed).toBeVisible();
      await expect(failed.locator(':focus')).toHaveCount(1);
      await page.unroute('**/split_parts*.wasm');
      await failed.getByRole('button', { name: 'Retry' }).click();
      await expect(page.getByRole('dialog', { name: `Take snapshot of ${b.vm}` })).toBeVisible();
      await expect(failed).toBeHidden();
      expect(crashes).toEqual([]);
    });
  });
}
