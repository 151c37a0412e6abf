// Stories: the Snapshots tab embedded in a plain host page (/_host/plain/, served by the
// development backend): two <vm-snapshots-tab> elements side by side, one for an oVirt VM and
// one for a KubeVirt VM; taken down by removing the element or by handle.unmount(), with no
// request of it afterwards; a bad option explained inside the element; and the strict
// Content-Security-Policy, with no violation, here and in the standalone app.
import { expect, test, type Page, type Request } from '@playwright/test';
import { resetBackend, watchForCrashes } from './helpers';

const WEB_FRONTEND = 'ca7e8d64-0fc7-45de-b258-ae471ea31056';
const DB_PRIMARY = '0d37ca3b-cdbc-4b78-b0b9-7cd71ddc7e35';

test.beforeEach(async ({ request }) => resetBackend(request));

/** Records every Content-Security-Policy violation the page reports. */
async function watchCsp(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}

/** Opens the plain host page; checks it is served with the strict policy. */
async function openHost(page: Page) {
  const response = await page.goto('/_host/plain/');
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
}

const grid = (page: Page, id: string) => page.locator(`#${id}`).getByRole('grid', { name: 'Snapshots' });
const row = (page: Page, id: string, name: string) =>
  grid(page, id).getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });

/** Takes a snapshot named `name` from the tab in `#id`. */
async function takeSnapshot(page: Page, id: string, vm: string, name: string) {
  await page.locator(`#${id}`).getByRole('button', { name: 'Take snapshot' }).first().click();
  const dialog = page.getByRole('dialog', { name: `Take snapshot of ${vm}` });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByRole('button', { name: 'Take snapshot' }).click();
  await expect(dialog).toBeHidden();
}

/** Counts the page's requests whose URL contains `part`, from now on. */
function countRequests(page: Page, part: string) {
  const seen: string[] = [];
  const listener = (r: Request) => {
    if (r.url().includes(part)) seen.push(`${r.method()} ${r.url()}`);
  };
  page.on('request', listener);
  return () => {
    page.off('request', listener);
    return seen;
  };
}

test('two tabs side by side, for two VMs on two backends, each list their own snapshots and nothing of the app around them', async ({ page }) => {
  const crashes = watchForCrashes(page);
  const violations = await watchCsp(page);
  await openHost(page);
  await expect(row(page, 'left', 'before-upgrade')).toBeVisible();
  await expect(row(page, 'left', 'post-patch')).toBeVisible();
  await expect(row(page, 'right', 'fedora-web-snapshot-20261001-091500')).toBeVisible();
  await expect(grid(page, 'left').getByRole('cell', { name: 'fedora-web-snapshot-20261001-091500' })).toHaveCount(0);
  // Only the tab: no masthead, VM list, breadcrumb or VM tabs of the standalone app.
  await expect(page.getByRole('link', { name: 'Virtual machines' })).toHaveCount(0);
  await expect(page.getByRole('tab', { name: 'Overview' })).toHaveCount(0);
  expect(await violations()).toEqual([]);
  expect(crashes).toEqual([]);
});

test('a details view opens and closes inside the element, and the host page keeps its URL and history', async ({ page }) => {
  await openHost(page);
  const before = await page.evaluate(() => [location.href, history.length]);
  await row(page, 'left', 'post-patch').getByRole('link', { name: 'post-patch' }).click();
  await expect(page.locator('#left').getByRole('heading', { name: 'post-patch' })).toBeVisible();
  await expect(page.locator('#left').getByLabel('Snapshot details')).toBeVisible();
  // The other tab stays on its table.
  await expect(grid(page, 'right')).toBeVisible();
  expect(await page.evaluate(() => [location.href, history.length])).toEqual(before);
  await page.locator('#left').getByRole('link', { name: '← Back to snapshots' }).click();
  await expect(row(page, 'left', 'post-patch')).toBeVisible();
  expect(await page.evaluate(() => [location.href, history.length])).toEqual(before);
});

test('changing the vm attribute shows the other VM', async ({ page }) => {
  await openHost(page);
  await expect(row(page, 'left', 'before-upgrade')).toBeVisible();
  await page.evaluate((id) => document.getElementById('left')!.setAttribute('vm', id), DB_PRIMARY);
  await expect(grid(page, 'left').getByRole('cell', { name: 'before-upgrade', exact: true })).toHaveCount(0);
  await expect(grid(page, 'left').getByRole('row')).not.toHaveCount(0);
  await expect(page.locator('#left').getByRole('button', { name: 'Take snapshot' }).first()).toBeVisible();
  await page.locator('#left').getByRole('button', { name: 'Take snapshot' }).first().click();
  await expect(page.getByRole('dialog', { name: 'Take snapshot of db-primary' })).toBeVisible();
});

test('a tab removed while its snapshot is in progress asks nothing more; the other keeps updating; added back, it works', async ({ page }) => {
  test.setTimeout(60_000);
  const crashes = watchForCrashes(page);
  await openHost(page);
  await takeSnapshot(page, 'left', 'web-frontend', 'embedded-left');
  await expect(row(page, 'left', 'embedded-left').locator('[data-status]')).toHaveAttribute('data-status', 'Locked');

  await page.evaluate(() => {
    const w = window as unknown as { __left: Element };
    w.__left = document.getElementById('left')!;
    w.__left.remove();
  });
  const stop = countRequests(page, WEB_FRONTEND);
  await expect(page.locator('#left')).toHaveCount(0);
  // The other tab works on: a snapshot taken there is followed to its end.
  await takeSnapshot(page, 'right', 'fedora-web', 'embedded-right');
  await expect(row(page, 'right', 'embedded-right').locator('[data-status]')).toHaveAttribute('data-status', 'OK', {
    timeout: 15_000,
  });
  await page.waitForTimeout(10_000);
  expect(stop()).toEqual([]);
  // The element kept nothing of the tab.
  expect(await page.evaluate(() => (window as unknown as { __left: Element }).__left.childElementCount)).toBe(0);

  await page.evaluate(() => {
    const w = window as unknown as { __left: Element };
    document.querySelector('section[aria-label="web-frontend on oVirt"]')!.append(w.__left);
  });
  await expect(row(page, 'left', 'embedded-left').locator('[data-status]')).toHaveAttribute('data-status', 'OK');
  await expect(row(page, 'left', 'before-upgrade')).toBeVisible();
  expect(crashes).toEqual([]);
});

test('mount() gives a handle: update() shows another VM, unmount() takes the tab down with all its requests', async ({ page }) => {
  test.setTimeout(60_000);
  await openHost(page);
  await page.evaluate(async (vm) => {
    const host = document.createElement('div');
    host.id = 'mounted';
    document.body.append(host);
    const m = await import('/embed/vm-snapshots-tab.js');
    (window as unknown as { __handle: unknown }).__handle = await m.mount(host, { backend: 'ovirt', format: 'json', vm });
  }, DB_PRIMARY);
  await expect(grid(page, 'mounted')).toBeVisible();
  // update() shows another VM in the same place.
  await page.evaluate(
    (vm) => (window as unknown as { __handle: { update(o: object): void } }).__handle.update({ backend: 'ovirt', format: 'json', vm }),
    WEB_FRONTEND,
  );
  await expect(row(page, 'mounted', 'post-patch')).toBeVisible();
  await page.evaluate(
    (vm) => (window as unknown as { __handle: { update(o: object): void } }).__handle.update({ backend: 'ovirt', format: 'json', vm }),
    DB_PRIMARY,
  );
  await expect(grid(page, 'mounted').getByRole('cell', { name: 'post-patch', exact: true })).toHaveCount(0);
  await takeSnapshot(page, 'mounted', 'db-primary', 'mounted-snapshot');
  await expect(row(page, 'mounted', 'mounted-snapshot').locator('[data-status]')).toHaveAttribute('data-status', 'Locked');

  await page.evaluate(() => (window as unknown as { __handle: { unmount(): void } }).__handle.unmount());
  const stop = countRequests(page, DB_PRIMARY);
  await expect(page.locator('#mounted')).toBeEmpty();
  await page.waitForTimeout(10_000);
  expect(stop()).toEqual([]);
  // The tabs of the page itself go on.
  await expect(row(page, 'left', 'before-upgrade')).toBeVisible();
});

test('a bad option is explained inside the element, and the page has no error', async ({ page }) => {
  const crashes = watchForCrashes(page);
  await openHost(page);
  await page.evaluate(() => {
    for (const [id, attrs] of [
      ['no-vm', { backend: 'ovirt' }],
      ['bad-backend', { backend: 'vmware', vm: 'x' }],
    ] as const) {
      const el = document.createElement('vm-snapshots-tab');
      el.id = id;
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      document.body.append(el);
    }
  });
  await expect(page.locator('#no-vm')).toContainText('No VM to show: set the "vm" option');
  await expect(page.locator('#bad-backend')).toContainText('Unknown backend "vmware": use "ovirt" or "kubevirt".');
  await expect(grid(page, 'left')).toBeVisible();
  expect(crashes).toEqual([]);
});

for (const [backend, vm] of [['ovirt', '00000000-0000-0000-0000-000000000000'], ['kubevirt', 'no-such-vm']] as const) {
  test(`${backend}: a VM that does not exist is explained inside the element, with Retry, instead of loading forever`, async ({ page }) => {
    const crashes = watchForCrashes(page);
    // The watches open on the page (a watch is a request whose answer streams until it ends).
    const watches = new Set<Request>();
    page.on('request', (r) => {
      if (/[?&]watch=1/.test(r.url())) watches.add(r);
    });
    page.on('requestfinished', (r) => watches.delete(r));
    page.on('requestfailed', (r) => watches.delete(r));
    await openHost(page);
    await page.evaluate(([b, v]) => {
      const el = document.createElement('vm-snapshots-tab');
      el.id = 'missing';
      el.setAttribute('backend', b);
      el.setAttribute('vm', v);
      document.body.append(el);
    }, [backend, vm]);
    const missing = page.locator('#missing');
    await expect(missing.getByRole('alert')).toContainText('Not found');
    await expect(missing.getByRole('button', { name: 'Retry' })).toBeVisible();
    await expect(missing.locator('[aria-busy="true"]')).toHaveCount(0);
    await expect(grid(page, 'left')).toBeVisible();
    // The page's KubeVirt tabs share their watches, one per resource: two tabs watching apart
    // would hold more than the browser's six connections to the host, and a read like this
    // element's would wait for ever.
    const watched = [...watches].map((r) => new URL(r.url()).pathname);
    expect(watched.length).toBeLessThanOrEqual(4);
    expect(new Set(watched).size).toBe(watched.length);
    expect(crashes).toEqual([]);
  });
}

test('the standalone app runs under the strict Content-Security-Policy with no violation', async ({ page }) => {
  const violations = await watchCsp(page);
  const response = await page.goto('/?backend=kubevirt');
  expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
  await page.getByRole('link', { name: 'fedora-web', exact: true }).click();
  await page.getByRole('tab', { name: 'Snapshots' }).click();
  await expect(page.getByRole('grid', { name: 'Snapshots' })).toBeVisible();
  expect(await violations()).toEqual([]);
});
