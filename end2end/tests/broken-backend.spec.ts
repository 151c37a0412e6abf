// Stories: pointed at a backend that answers badly, the app shows what went wrong and a Retry
// button, never a blank page or a panic.
import { expect, test } from '@playwright/test';
import { watchForCrashes } from './helpers';

const cases = [
  { what: 'malformed XML', query: 'backend=ovirt&format=xml&api=/broken/malformed-xml/ovirt-engine/api', says: 'malformed XML' },
  { what: 'malformed JSON (oVirt)', query: 'backend=ovirt&format=json&api=/broken/malformed-json/ovirt-engine/api', says: 'malformed JSON' },
  { what: 'malformed JSON (KubeVirt)', query: 'backend=kubevirt&api=/broken/malformed-json', says: 'malformed JSON' },
  { what: 'a 500 with an oVirt fault', query: 'backend=ovirt&api=/broken/fault-500/ovirt-engine/api', says: 'Operation Failed: Internal Engine Error (HTTP 500)' },
  { what: 'a 500 with a Kubernetes Status', query: 'backend=kubevirt&api=/broken/fault-500', says: 'Internal error occurred: etcdserver: request timed out (HTTP 500)' },
  { what: 'a 401 (oVirt)', query: 'backend=ovirt&api=/broken/unauthorized/ovirt-engine/api', says: 'Not authorized (HTTP 401)' },
  { what: 'a 401 (KubeVirt)', query: 'backend=kubevirt&api=/broken/unauthorized', says: 'Not authorized (HTTP 401)' },
  { what: 'an HTML login page', query: 'backend=ovirt&api=/broken/html/ovirt-engine/api', says: 'expected XML but got "text/html' },
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
