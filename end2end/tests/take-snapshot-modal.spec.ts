// Stories: the take-snapshot modal, from the VM list and the tab: disks, memory, schedules, and
// the warning remarks on the VMs that should show them.
import { expect, test, type Page } from '@playwright/test';
import { openSnapshots, resetBackend, snapshotRow } from './helpers';

test.beforeEach(async ({ request }) => resetBackend(request));

async function openModalFromList(page: Page, query: string, vm: string) {
  await page.goto(`/?${query}`);
  await page.getByRole('button', { name: `Actions for ${vm}` }).click();
  await page.getByRole('menuitem', { name: 'Take snapshot' }).click();
  const dialog = page.getByRole('dialog', { name: `Take snapshot of ${vm}` });
  await expect(dialog).toBeVisible();
  return dialog;
}

const remarks = [
  { backend: 'backend=ovirt', vm: 'scratch-vm', shows: ['No available disk', 'Missing guest agent', 'The VM will be paused'] },
  { backend: 'backend=ovirt', vm: 'web-frontend', shows: ['The VM will be paused'] },
  { backend: 'backend=ovirt', vm: 'db-primary', shows: [] },
  { backend: 'backend=kubevirt', vm: 'win-noagent', shows: ['Missing guest agent'] },
  { backend: 'backend=kubevirt', vm: 'empty-vm', shows: ['No available disk'] },
  { backend: 'backend=kubevirt', vm: 'fedora-web', shows: [] },
];
const all = ['No available disk', 'Missing guest agent', 'The VM will be paused', 'Possible data loss'];

for (const r of remarks) {
  test(`${r.backend.split('=')[1]} ${r.vm}: the modal shows ${r.shows.length ? r.shows.join(' and ') : 'no warning'}`, async ({ page }) => {
    const dialog = await openModalFromList(page, r.backend, r.vm);
    for (const title of all) {
      await expect(dialog.getByText(title, { exact: true })).toHaveCount(r.shows.includes(title) ? 1 : 0);
    }
    // None of them blocks creation.
    await expect(dialog.getByRole('button', { name: 'Take snapshot' })).toBeEnabled();
  });
}

test('oVirt: excluding a disk while saving memory warns of data loss', async ({ page }) => {
  const dialog = await openModalFromList(page, 'backend=ovirt', 'web-frontend');
  await dialog.getByLabel('Select disks').check();
  await dialog.getByLabel(/web-frontend_Disk2/).uncheck();
  await expect(dialog.getByText('Saving memory may cause data loss when excluding disks!')).toBeVisible();
  await dialog.getByLabel('Include memory').uncheck();
  await expect(dialog.getByText('Possible data loss', { exact: true })).toHaveCount(0);
});

for (const [label, query] of [['oVirt (XML)', 'backend=ovirt&format=xml'], ['oVirt (JSON)', 'backend=ovirt&format=json']]) {
  test(`${label}: a snapshot of one chosen disk, from the VM list, lists only that disk`, async ({ page }) => {
    const dialog = await openModalFromList(page, query, 'db-primary');
    // The shareable disk cannot be chosen, and says why.
    await expect(dialog.getByLabel(/db-primary_shared_quorum/)).toBeDisabled();
    await expect(dialog.getByText('Shareable disks cannot be snapshotted')).toBeVisible();
    await dialog.getByLabel('Name').fill('data-disk-only');
    await dialog.getByLabel('Select disks').check();
    await dialog.getByLabel(/db-primary_Disk1/).uncheck();
    await dialog.getByRole('button', { name: 'Take snapshot' }).click();
    await expect(dialog).toBeHidden();
    await openSnapshots(page, query, 'db-primary');
    await page.getByRole('link', { name: 'data-disk-only', exact: true }).click();
    const disks = page.getByRole('grid', { name: 'Disks in the snapshot' });
    await expect(disks.getByRole('cell', { name: 'db-primary_Disk2', exact: true })).toBeVisible();
    await expect(disks.getByRole('cell', { name: 'db-primary_Disk1', exact: true })).toHaveCount(0);
  });

  test(`${label}: a snapshot with memory of a running VM says so in its details`, async ({ page }) => {
    await openSnapshots(page, query, 'web-frontend');
    await page.getByRole('button', { name: 'Take snapshot' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('with-memory');
    await expect(dialog.getByLabel('Include memory')).toBeChecked();
    await dialog.getByRole('button', { name: 'Take snapshot' }).click();
    await expect(snapshotRow(page, 'with-memory')).toContainText('Memory, 2 disks');
    await page.getByRole('link', { name: 'with-memory', exact: true }).click();
    await expect(page.getByRole('definition').filter({ hasText: 'Included' }).first()).toBeVisible();
  });
}

for (const [label, query, vm] of [
  ['oVirt', 'backend=ovirt', 'db-primary'],
  ['KubeVirt', 'backend=kubevirt', 'rhel9-db'],
]) {
  test(`${label}: a weekly schedule stands on top of the list with its next run`, async ({ page }) => {
    await openSnapshots(page, query, vm);
    await page.getByRole('button', { name: 'Take snapshot' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('friday-backup');
    await dialog.getByLabel('Schedule snapshot for…').check();
    await dialog.getByLabel('Date').fill('2031-01-03'); // a Friday
    await dialog.getByLabel('Time').fill('02:00');
    await dialog.getByLabel('Repeat').selectOption({ label: 'Weekly on Friday' });
    await dialog.getByLabel('Keep the last N snapshots').fill('4');
    await expect(dialog.locator('[data-runs]')).toHaveText('First run: Fri 3 Jan 2031, 02:00. Then: Fri 10 Jan 2031, 02:00.');
    await expect(dialog.getByRole('button', { name: 'Schedule' })).toBeEnabled();
    await dialog.getByRole('button', { name: 'Schedule' }).click();
    await expect(dialog).toBeHidden();
    const firstRow = page.getByRole('grid', { name: 'Snapshots' }).locator('tbody tr').first();
    await expect(firstRow).toContainText('friday-backup');
    await expect(firstRow).toContainText('Weekly on Friday');
    await expect(firstRow.locator('time')).toHaveText('2031-01-03 02:00');
  });

  test(`${label}: the Repeat options follow the date, and Keep is off for None`, async ({ page }) => {
    await openSnapshots(page, query, vm);
    await page.getByRole('button', { name: 'Take snapshot' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Schedule snapshot for…').check();
    const repeat = dialog.getByLabel('Repeat');
    await dialog.getByLabel('Date').fill('2030-12-31'); // a Tuesday
    await expect(repeat.locator('option')).toHaveText(['None', 'Daily', 'Weekly on Tuesday', 'Monthly on day 31', 'Custom rule…']);
    await expect(repeat).toHaveValue('weekly');
    await dialog.getByLabel('Date').fill('2031-01-02'); // a Thursday: the kind of repeat stays
    await expect(repeat.locator('option')).toHaveText(['None', 'Daily', 'Weekly on Thursday', 'Monthly on day 2', 'Custom rule…']);
    await expect(repeat).toHaveValue('weekly');
    await repeat.selectOption('none');
    await expect(dialog.getByLabel('Keep the last N snapshots')).toBeDisabled();
    await expect(dialog.locator('[data-runs]')).toHaveText('It runs once: Thu 2 Jan 2031, ' + (await dialog.getByLabel('Time').inputValue()) + '.');
    await repeat.selectOption('daily');
    await expect(dialog.getByLabel('Keep the last N snapshots')).toBeEnabled();
  });

  test(`${label}: a custom rule in the backend's cron-like form is checked in place`, async ({ page }) => {
    await openSnapshots(page, query, vm);
    await page.getByRole('button', { name: 'Take snapshot' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Schedule snapshot for…').check();
    await dialog.getByLabel('Date').fill('2031-01-06'); // a Monday
    await dialog.getByLabel('Time').fill('03:00');
    await dialog.getByLabel('Repeat').selectOption('custom');
    const rule = dialog.getByLabel('Rule', { exact: true });
    await rule.fill('0 3 * *');
    await expect(dialog.getByText('A rule has five fields')).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Schedule' })).toBeDisabled();
    await rule.fill('0 3 * * 1-5');
    await expect(dialog.locator('[data-runs]')).toHaveText('First run: Mon 6 Jan 2031, 03:00. Then: Tue 7 Jan 2031, 03:00.');
    await expect(dialog.getByRole('button', { name: 'Schedule' })).toBeEnabled();
  });
}

for (const [label, query, vm, schedule] of [
  ['oVirt', 'backend=ovirt', 'db-primary', 'weekly backup'],
  ['KubeVirt', 'backend=kubevirt', 'rhel9-db', 'weekly-backup'],
]) {
  test(`${label}: editing a schedule reuses the modal with its values, and saves them`, async ({ page }) => {
    await openSnapshots(page, query, vm);
    await page.getByRole('button', { name: `Actions for ${schedule}` }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: `Edit schedule ${schedule}` });
    await expect(dialog.getByLabel('Name')).toHaveValue(schedule);
    await expect(dialog.getByLabel('Description')).toHaveValue('Friday night, keep a month');
    await expect(dialog.getByLabel('Schedule snapshot for…')).toBeChecked();
    await expect(dialog.getByLabel('Keep the last N snapshots')).toHaveValue('4');
    await dialog.getByLabel('Repeat').selectOption('daily');
    await dialog.getByLabel('Keep the last N snapshots').fill('6');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByRole('grid', { name: 'Snapshots' }).locator('tbody tr').first();
    await expect(row).toContainText(schedule);
    await expect(row).toContainText('Daily');
    await page.getByRole('link', { name: schedule, exact: true }).click();
    await expect(page.getByRole('definition').filter({ hasText: 'The last 6' })).toBeVisible();
  });
}
