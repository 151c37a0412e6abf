// Every view and modal of the app, each with the steps that open it from a fresh page, per
// backend. The accessibility stories (a11y.spec.ts) check each one, and scripts/screenshots
// takes a picture of each one.
import { expect, type Page } from '@playwright/test';
import { openSnapshots, SHOWN_ROWS } from './helpers';

export interface Backend {
  /** How stories and file names call it. */
  label: string;
  slug: string;
  query: string;
  /** A VM with taken snapshots and a schedule. */
  vm: string;
  snapshot: string;
  schedule: string;
  /** A VM without snapshots. */
  empty: string;
  /** oVirt's custom preview and its Commit. */
  preview: boolean;
}

export const backends: Backend[] = [
  {
    label: 'oVirt',
    slug: 'ovirt',
    query: 'backend=ovirt&format=xml',
    vm: 'db-primary',
    snapshot: 'snap-2',
    schedule: 'weekly backup',
    empty: 'scratch-vm',
    preview: true,
  },
  {
    label: 'KubeVirt',
    slug: 'kubevirt',
    query: 'backend=kubevirt',
    vm: 'rhel9-db',
    snapshot: 'rhel9-db-snap-2',
    schedule: 'weekly-backup',
    empty: 'empty-vm',
    preview: false,
  },
];

export interface View {
  name: string;
  /** Opens the view; the page is fresh (the backend was reset). */
  open: (page: Page, b: Backend) => Promise<void>;
  /** Only for backends where this holds. */
  only?: (b: Backend) => boolean;
}

const grid = (page: Page) => page.getByRole('grid', { name: 'Snapshots' });

/** Opens a row's kebab; with `item`, chooses it. */
export async function rowMenu(page: Page, row: string, item?: string) {
  await page.getByRole('button', { name: `Actions for ${row}`, exact: true }).click();
  await expect(page.getByRole('menu')).toBeVisible();
  if (item) await page.getByRole('menuitem', { name: item, exact: true }).click();
}

/** Opens the Snapshots tab of `b.vm`, with its rows drawn: the snapshots and the schedule (whose
 * row goes on top when its list comes, moving the others down: a menu opened before then closes). */
export async function openTab(page: Page, b: Backend) {
  await openSnapshots(page, b.query, b.vm);
  await expect(grid(page).getByRole('link', { name: b.snapshot, exact: true })).toBeVisible();
  await expect(grid(page).getByRole('link', { name: b.schedule, exact: true })).toBeVisible();
}

/** Opens the menu of the table's first or last row. */
async function openRowMenuOf(page: Page, b: Backend, which: 'first' | 'last') {
  await openTab(page, b);
  await grid(page).locator(SHOWN_ROWS)[which]().getByRole('button', { name: /^Actions for / }).click();
  await expect(page.getByRole('menu')).toBeVisible();
}

/** Opens the take-snapshot modal with the schedule and a custom rule shown; gives the dialog. */
export async function openTakeSnapshotWithSchedule(page: Page, b: Backend) {
  await openSnapshots(page, b.query, b.vm);
  await page.getByRole('button', { name: 'Take snapshot' }).first().click();
  const d = page.getByRole('dialog', { name: `Take snapshot of ${b.vm}` });
  await d.getByLabel('Schedule snapshot for…').check();
  await d.getByLabel('Repeat').selectOption('custom');
  await expect(d.getByLabel('Rule')).toBeVisible();
  return d;
}

async function dialog(page: Page, name: string) {
  await expect(page.getByRole('dialog', { name })).toBeVisible();
}

export const views: View[] = [
  {
    name: 'vm-list',
    open: async (page, b) => {
      await page.goto(`/?${b.query}`);
      await expect(page.getByRole('link', { name: b.vm, exact: true })).toBeVisible();
    },
  },
  { name: 'snapshots-tab', open: openTab },
  {
    name: 'empty-tab',
    open: async (page, b) => {
      await openSnapshots(page, b.query, b.empty);
      await expect(page.getByRole('heading', { name: 'No snapshots yet' })).toBeVisible();
    },
  },
  {
    name: 'snapshot-details',
    open: async (page, b) => {
      await openSnapshots(page, b.query, b.vm);
      await grid(page).getByRole('link', { name: b.snapshot, exact: true }).click();
      await expect(page.getByRole('grid', { name: 'Disks in the snapshot' })).toBeVisible();
    },
  },
  {
    name: 'schedule-details',
    open: async (page, b) => {
      await openSnapshots(page, b.query, b.vm);
      await grid(page).getByRole('link', { name: b.schedule, exact: true }).click();
      await expect(page.getByText('Weekly on Friday')).toBeVisible();
    },
  },
  {
    name: 'timeline',
    open: async (page, b) => {
      await openSnapshots(page, b.query, b.vm);
      await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Timeline' }).click();
      await expect(page.locator('.vms-tl-mark').first()).toBeVisible();
    },
  },
  {
    name: 'bulk-take-modal',
    open: async (page, b) => {
      await page.goto(`/?${b.query}`);
      await page.getByRole('checkbox', { name: 'Select all VMs' }).check();
      await page.getByRole('button', { name: /^Take snapshot \(/ }).click();
      await expect(page.getByRole('dialog', { name: /^Take a snapshot of \d+ VMs$/ })).toBeVisible();
    },
  },
  { name: 'menu-first-row', open: (page, b) => openRowMenuOf(page, b, 'first') },
  { name: 'menu-last-row', open: (page, b) => openRowMenuOf(page, b, 'last') },
  {
    name: 'take-snapshot-modal',
    open: async (page, b) => {
      const d = await openTakeSnapshotWithSchedule(page, b);
      await d.getByLabel('Rule').scrollIntoViewIfNeeded();
    },
  },
  {
    name: 'edit-schedule-modal',
    open: async (page, b) => {
      await openSnapshots(page, b.query, b.vm);
      await rowMenu(page, b.schedule, 'Edit');
      await dialog(page, `Edit schedule ${b.schedule}`);
    },
  },
  {
    name: 'restore-modal',
    open: async (page, b) => {
      await openSnapshots(page, b.query, b.vm);
      await rowMenu(page, b.snapshot, 'Restore');
      await dialog(page, `Restore ${b.vm}?`);
    },
  },
  {
    name: 'create-vm-modal',
    open: async (page, b) => {
      await openSnapshots(page, b.query, b.vm);
      await rowMenu(page, b.snapshot, 'Create VM');
      await dialog(page, `Create VM from ${b.snapshot}`);
    },
  },
  {
    name: 'create-template-modal',
    open: async (page, b) => {
      await openSnapshots(page, b.query, b.vm);
      await rowMenu(page, b.snapshot, 'Create VM Template');
      await dialog(page, `Create VM Template from ${b.snapshot}`);
    },
  },
  {
    name: 'delete-snapshot-modal',
    open: async (page, b) => {
      await openSnapshots(page, b.query, b.vm);
      await rowMenu(page, b.snapshot, 'Delete');
      await dialog(page, 'Delete snapshot?');
    },
  },
  {
    name: 'delete-schedule-modal',
    open: async (page, b) => {
      await openSnapshots(page, b.query, b.vm);
      await rowMenu(page, b.schedule, 'Delete');
      await dialog(page, 'Delete schedule?');
    },
  },
  {
    name: 'preview-modal',
    only: (b) => b.preview,
    open: async (page, b) => {
      await openSnapshots(page, b.query, b.vm);
      await rowMenu(page, b.snapshot, 'Preview…');
      await dialog(page, `Preview snapshots of ${b.vm}`);
    },
  },
  {
    name: 'commit-modal',
    only: (b) => b.preview,
    open: async (page, b) => {
      await openSnapshots(page, b.query, 'legacy-app');
      await page.getByRole('button', { name: 'Commit…' }).click();
      await dialog(page, 'Commit the preview?');
    },
  },
  {
    name: 'toast',
    open: async (page, b) => {
      await openSnapshots(page, b.query, b.vm);
      await rowMenu(page, b.snapshot, 'Create VM Template');
      await page.getByRole('dialog').getByRole('button', { name: 'Create template' }).click();
      await expect(page.locator('.pf-v6-c-alert-group.pf-m-toast').getByRole('status').first()).toBeVisible();
    },
  },
];

/** The views that `b` has. */
export const viewsOf = (b: Backend) => views.filter((v) => !v.only || v.only(b));
