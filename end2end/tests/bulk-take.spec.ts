// Stories: a snapshot of many VMs at once, from the VM list. The admin checks VMs, gives one
// name pattern ({vm}, {date}) and, on KubeVirt, one description; the modal lists each VM's
// snapshot name before anything is sent, and each VM's row then shows its own progress until
// the snapshot is taken.
import { expect, test, type Page } from '@playwright/test';
import { openSnapshots, resetBackend, snapshotRow, watchForCrashes } from './helpers';

interface Backend {
  label: string;
  query: string;
  kubevirt: boolean;
  vms: [string, string];
}

const backends: Backend[] = [
  { label: 'oVirt (XML)', query: 'backend=ovirt&format=xml', kubevirt: false, vms: ['web-frontend', 'scratch-vm'] },
  { label: 'oVirt (JSON)', query: 'backend=ovirt&format=json', kubevirt: false, vms: ['web-frontend', 'scratch-vm'] },
  { label: 'KubeVirt', query: 'backend=kubevirt', kubevirt: true, vms: ['fedora-web', 'empty-vm'] },
];

const list = (page: Page) => page.getByRole('grid', { name: 'Virtual machines' });
const vmRow = (page: Page, vm: string) => list(page).locator(`tr[data-vm="${vm}"]`);

for (const b of backends) {
  test.describe(`Bulk take from the VM list on ${b.label}`, () => {
    test.beforeEach(async ({ request }) => resetBackend(request));

    test('two checked VMs get a snapshot each, named by one pattern, with progress in their rows', async ({ page }) => {
      const crashes = watchForCrashes(page);
      await page.goto(`/?${b.query}`);
      const take = page.getByRole('button', { name: /^Take snapshot/ });
      await expect(take).toHaveAttribute('aria-disabled', 'true');
      for (const vm of b.vms) await page.getByRole('checkbox', { name: `Select ${vm}` }).check();
      await expect(take).toHaveText('Take snapshot (2 VMs)');
      await take.click();

      const dialog = page.getByRole('dialog', { name: 'Take a snapshot of 2 VMs' });
      await expect(dialog).toBeVisible();
      await dialog.getByLabel('Name pattern').fill('{vm}-before-patch');
      const names = dialog.getByRole('list', { name: 'Snapshots to take' });
      for (const vm of b.vms) await expect(names.locator(`li[data-vm="${vm}"]`)).toContainText(`${vm}-before-patch`);
      if (b.kubevirt) await dialog.getByLabel('Description').fill('before the kernel patch');
      else await expect(dialog.getByLabel('Description')).toHaveCount(0);
      await dialog.getByRole('button', { name: 'Take 2 snapshots' }).click();
      await expect(dialog).toBeHidden();

      // Each row says where its own snapshot is, then that it is taken.
      for (const vm of b.vms) {
        await expect(vmRow(page, vm).locator('[data-bulk-step]')).toContainText(`${vm}-before-patch`);
        await expect(vmRow(page, vm).locator('[data-bulk-step="done"]')).toHaveText(`Snapshot ${vm}-before-patch taken`, { timeout: 20_000 });
      }
      await expect(page.getByText('2 of 2 snapshots taken.')).toBeVisible();
      // The checks are cleared once the take starts.
      await expect(page.getByRole('checkbox', { name: `Select ${b.vms[0]}` })).not.toBeChecked();

      // The snapshot is in the VM's tab, OK, with the one description.
      await openSnapshots(page, b.query, b.vms[1]);
      const row = snapshotRow(page, `${b.vms[1]}-before-patch`);
      await expect(row.getByRole('cell', { name: 'OK', exact: true })).toBeVisible();
      if (b.kubevirt) await expect(row.locator('td[data-label="Description"]')).toHaveText('before the kernel patch');
      expect(crashes).toEqual([]);
    });

    test('a VM the backend refuses shows why in its row, and the other VM\'s snapshot is still taken', async ({ page, request }) => {
      const [ok, refused] = b.kubevirt ? ['empty-vm', 'fedora-web'] : [b.vms[0], b.vms[1]];
      let pattern = '{vm}-before-patch';
      if (b.kubevirt) {
        // fedora-web already has this snapshot: the API server answers 409 AlreadyExists.
        pattern = '{vm}-snapshot-20261120-020000';
      } else {
        const vms = await (await request.get('/ovirt-engine/api/vms', { headers: { Accept: 'application/json' } })).json();
        const id = vms.vm.find((v: { name: string }) => v.name === refused).id;
        const refuse = await request.post('/_dev/refuse', {
          data: { method: 'POST', path: `/vms/${id}/snapshots`, message: 'Cannot create Snapshot. Low disk space on Storage Domain.' },
        });
        expect(refuse.ok()).toBeTruthy();
      }
      await page.goto(`/?${b.query}`);
      for (const vm of [ok, refused]) await page.getByRole('checkbox', { name: `Select ${vm}` }).check();
      await page.getByRole('button', { name: 'Take snapshot (2 VMs)' }).click();
      const dialog = page.getByRole('dialog', { name: 'Take a snapshot of 2 VMs' });
      await dialog.getByLabel('Name pattern').fill(pattern);
      await dialog.getByRole('button', { name: 'Take 2 snapshots' }).click();
      const name = (vm: string) => pattern.replace('{vm}', vm);
      const failed = vmRow(page, refused).locator('[data-bulk-step="failed"]');
      await expect(failed).toContainText(`Snapshot ${name(refused)} could not be taken: `, { timeout: 20_000 });
      // The backend's own words: the engine's fault, or the API server's AlreadyExists Status.
      await expect(failed).toContainText(b.kubevirt ? 'already exists' : 'Cannot create Snapshot. Low disk space on Storage Domain.');
      await expect(vmRow(page, ok).locator('[data-bulk-step="done"]')).toHaveText(`Snapshot ${name(ok)} taken`, { timeout: 20_000 });
      await expect(page.getByText('1 of 2 snapshots taken, 1 failed.')).toBeVisible();
    });

    test('the modal shows each VM\'s name before anything is sent, and refuses names the backend would', async ({ page }) => {
      await page.goto(`/?${b.query}`);
      await page.getByRole('checkbox', { name: 'Select all VMs' }).check();
      await page.getByRole('button', { name: /^Take snapshot \(\d+ VMs\)$/ }).click();
      const dialog = page.getByRole('dialog', { name: /^Take a snapshot of \d+ VMs$/ });
      // The default is the console's: <vm>-snapshot-<yyyyMMdd-HHmmss>.
      await expect(dialog.getByLabel('Name pattern')).toHaveValue('{vm}-snapshot-{date}');
      await expect(dialog.locator(`li[data-vm="${b.vms[0]}"]`)).toContainText(new RegExp(`${b.vms[0]}-snapshot-\\d{8}-\\d{6}$`));
      const submit = dialog.getByRole('button', { name: /^Take \d+ snapshots$/ });
      if (b.kubevirt) {
        // Kubernetes object names are unique and DNS-1123 labels.
        await dialog.getByLabel('Name pattern').fill('before-patch');
        await expect(dialog.locator(`li[data-vm="${b.vms[0]}"]`)).toContainText('Put {vm} in the pattern');
        await expect(submit).toBeDisabled();
        await dialog.getByLabel('Name pattern').fill('{vm} Before');
        await expect(dialog.locator(`li[data-vm="${b.vms[0]}"]`)).toContainText('lowercase');
        await expect(submit).toBeDisabled();
      } else {
        // oVirt's name is its description: any text, the same for every VM too.
        await dialog.getByLabel('Name pattern').fill('Before patch');
        await expect(dialog.locator(`li[data-vm="${b.vms[0]}"]`)).toContainText('Before patch');
        await expect(submit).toBeEnabled();
        await dialog.getByLabel('Name pattern').fill('  ');
        await expect(submit).toBeDisabled();
      }
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect(dialog).toBeHidden();
      // Nothing was sent: no row shows a step.
      await expect(list(page).locator('[data-bulk-step]')).toHaveCount(0);
    });
  });
}
