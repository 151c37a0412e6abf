// Stories: pointed at a backend that answers badly, the app shows what went wrong and a Retry
// button, never a blank page or a panic.
import { expect, test, type Route } from '@playwright/test';
import { bootReads, watchForCrashes } from './helpers';

const cases = [
  { what: 'malformed XML', query: 'backend=ovirt&format=xml&api=/broken/malformed-xml/ovirt-engine/api', says: 'malformed XML' },
  { what: 'malformed JSON (oVirt)', query: 'backend=ovirt&format=json&api=/broken/malformed-json/ovirt-engine/api', says: 'malformed JSON' },
  { what: 'malformed JSON (KubeVirt)', query: 'backend=kubevirt&api=/broken/malformed-json', says: 'malformed JSON' },
  { what: 'a 500 with an oVirt fault', query: 'backend=ovirt&api=/broken/fault-500/ovirt-engine/api', says: 'Operation Failed: Internal Engine Error (HTTP 500)' },
  { what: 'a 500 with a Kubernetes Status', query: 'backend=kubevirt&api=/broken/fault-500', says: 'Internal error occurred: etcdserver: request timed out (HTTP 500)' },
  { what: 'a 401 (oVirt)', query: 'backend=ovirt&api=/broken/unauthorized/ovirt-engine/api', says: 'Not authorized (HTTP 401)' },
  { what: 'a 401 (KubeVirt)', query: 'backend=kubevirt&api=/broken/unauthorized', says: 'Not authorized (HTTP 401)' },
  { what: 'an HTML login page', query: 'backend=ovirt&api=/broken/html/ovirt-engine/api', says: 'expected XML but got "text/html' },
  { what: 'a connection dropped halfway through the answer (oVirt)', query: 'backend=ovirt&api=/broken/cut/ovirt-engine/api', says: 'Cannot reach the API' },
  { what: 'a connection dropped halfway through the answer (KubeVirt)', query: 'backend=kubevirt&api=/broken/cut', says: 'Cannot reach the API' },
  { what: 'nothing listening', query: 'backend=ovirt&api=http://127.0.0.1:9/ovirt-engine/api', says: 'Cannot reach the API' },
];

for (const c of cases) {
  test(`${c.what}: the VM list shows the error and a Retry button`, async ({ page }) => {
    const crashes = watchForCrashes(page);
    await page.goto(`/?${c.query}`);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(c.says);
    const retry = alert.getByRole('button', { name: 'Retry' });
    await expect(retry).toBeVisible();
    // Retry asks again (and fails the same way): still an error state, still no crash.
    await retry.click();
    await expect(page.getByRole('alert')).toContainText(c.says);
    expect(crashes).toEqual([]);
  });
}

// The first reads of a page are asked for by the boot script (public/read-ahead.js) while the wasm
// downloads, and their bodies read there. A body that breaks halfway is the app's to report, as
// one it read itself would be; Retry asks again, from the app.
for (const [label, query] of [
  ['oVirt', 'backend=ovirt&api=/broken/cut/ovirt-engine/api'],
  ['KubeVirt', 'backend=kubevirt&api=/broken/cut'],
]) {
  test(`${label}: a Snapshots tab whose first reads break halfway shows the error and a Retry button`, async ({ page }) => {
    const crashes = watchForCrashes(page);
    const cut: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/broken/cut/')) cut.push(r.url());
    });
    await page.goto(`/vms/db-primary/snapshots?${query}`);
    const alert = page.getByRole('alert').first();
    await expect(alert).toContainText('Cannot reach the API');
    // The boot script asked for the tab's reads (and the configuration), and the app took them
    // all, broken as they were, instead of asking again.
    const boot = await bootReads(page);
    expect(boot.asked.filter((k) => k.includes('/broken/cut/'))).toHaveLength(4);
    expect(boot.untaken).toEqual([]);
    const before = cut.length;
    await alert.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByRole('alert').first()).toContainText('Cannot reach the API');
    await expect.poll(() => cut.length).toBeGreaterThan(before);
    expect(crashes).toEqual([]);
  });
}

// A config.json the app cannot use (served in place of the development backend's): the page says
// which key is wrong, in place of the app, and never crashes. A key of another kind than a string
// (or a number, for refresh_seconds) is an error that names it; a body that is not JSON, too.
for (const c of [
  { label: 'oVirt', file: '{"backend": "ovirt", "refresh_seconds": 1.5}', says: '"refresh_seconds" is not a whole number of seconds' },
  { label: 'KubeVirt', file: '{"backend": "kubevirt", "namespace": 5}', says: '"namespace" is not a string' },
  { label: 'either backend', file: '{"backend": "kubevirt",', says: 'EOF while parsing' },
]) {
  test(`${c.label}: a config.json that cannot be used says what is wrong with it`, async ({ page }) => {
    const crashes = watchForCrashes(page);
    await page.route('**/config.json', (route) => route.fulfill({ body: c.file, contentType: 'application/json' }));
    await page.goto('/');
    await expect(page.getByText('The configuration cannot be used')).toBeVisible();
    await expect(page.getByText(`config.json cannot be used: ${c.says}`)).toBeVisible();
    expect(crashes).toEqual([]);
  });
}

// The app's own files failing: its wasm or its JavaScript glue not downloaded, or a wasm this
// browser cannot compile (as one without WebAssembly SIMD could not). The page says so in place of
// the app, with the error as text and a Reload button that starts it again; never a blank page.
for (const c of [
  { label: 'oVirt', query: 'backend=ovirt', vm: 'db-primary' },
  { label: 'KubeVirt', query: 'backend=kubevirt', vm: 'rhel9-db' },
]) {
  for (const f of [
    { what: 'its wasm does not download', files: /\/vm-snapshots-[0-9a-f]{16}_bg\.wasm$/, refuse: 'abort' },
    { what: 'its JavaScript glue does not download', files: /\/vm-snapshots-[0-9a-f]{16}\.js$/, refuse: 'abort' },
    { what: 'its wasm cannot be compiled', files: /\/vm-snapshots-[0-9a-f]{16}_bg\.wasm$/, refuse: 'garble' },
  ]) {
    test(`${c.label}: when ${f.what}, the page says the app could not start, and Reload starts it`, async ({ page }) => {
      const refused: string[] = [];
      const route = async (route: Route) => {
        refused.push(route.request().url());
        if (f.refuse === 'abort') return route.abort('connectionreset');
        // A module header and then bytes no browser can compile.
        return route.fulfill({ body: Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0xff, 0xff, 0xff]), contentType: 'application/wasm' });
      };
      const theFiles = (url: URL) => f.files.test(url.pathname);
      await page.route(theFiles, route);
      await page.goto(`/?${c.query}`);
      const alert = page.getByRole('alert');
      await expect(alert.getByRole('heading', { name: 'The app could not start' })).toBeVisible();
      await expect(alert).toContainText('Check the connection, then reload.');
      expect(refused.length).toBeGreaterThan(0);
      // Once the files come, Reload starts the app.
      await page.unroute(theFiles, route);
      await alert.getByRole('button', { name: 'Reload' }).click();
      await expect(page.getByRole('link', { name: c.vm, exact: true })).toBeVisible();
      await expect(page.getByRole('alert')).toHaveCount(0);
    });
  }
}
