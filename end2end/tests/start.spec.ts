// Stories: a page opened by its address sends its first reads before it is built, so they travel
// while the page's views are made, and each is asked for once: the page takes the answers sent
// ahead instead of asking again. The standalone page's boot script (public/read-ahead.js) asks
// for them while the wasm still downloads, and the app takes what it asked for. (The VM list and
// a VM's Snapshots tab, on each backend.)
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { stories } from './backends';
import { bootReads, resetBackend, snapshotRow, watchForCrashes } from './helpers';

/** Records, in the page, when the masthead (the first thing the app builds) appears. */
async function timeTheFrame(page: Page) {
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('.pf-v6-c-masthead')) {
        (window as unknown as { __frameAt: number }).__frameAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
}

/** The API GETs the page made (watches aside), each with when it started, in the page's clock. */
async function apiReads(page: Page): Promise<{ path: string; url: string; start: number }[]> {
  return page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((r) => /\/(ovirt-engine\/api|apis)\//.test(r.name) && !r.name.includes('watch=1'))
      .map((r) => ({ path: new URL(r.name).pathname, url: r.name, start: r.startTime })),
  );
}

/** The address of `vm`'s Snapshots tab, as the VM list (opened in `page`) links to it. */
async function tabAddress(page: Page, query: string, vm: string): Promise<URL> {
  await page.goto(`/?${query}`);
  const href = await page.getByRole('link', { name: vm, exact: true }).getAttribute('href');
  const url = new URL(href!, page.url());
  url.pathname = `${url.pathname}/snapshots`;
  return url;
}

/** `vm`'s Snapshots tab's address (from the VM list, opened in `page`), and a new page in
 * `context` to open it in, with its crashes watched. */
async function tabAside(page: Page, context: BrowserContext, query: string, vm: string) {
  const url = await tabAddress(page, query, vm);
  const tab = await context.newPage();
  return { url, tab, tabCrashes: watchForCrashes(tab) };
}

async function frameAt(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __frameAt: number }).__frameAt);
}

/** The reads each page makes first, by the end of their path. */
const firstReads = (kubevirt: boolean, vmId: string) =>
  kubevirt
    ? {
        list: ['/namespaces/default/virtualmachines'],
        tab: [
          '/namespaces/default/virtualmachines',
          '/namespaces/default/virtualmachinesnapshots',
          '/namespaces/default/virtualmachinerestores',
          '/namespaces/default/virtualmachinesnapshotschedules',
        ],
      }
    : {
        list: ['/ovirt-engine/api/vms'],
        tab: [
          `/vms/${vmId}`,
          `/vms/${vmId}/diskattachments`,
          `/vms/${vmId}/snapshots`,
          `/vms/${vmId}/snapshotschedules`,
        ],
      };

for (const b of stories) {
  test.describe(`Opening a page by its address on ${b.label}`, () => {
    test.beforeEach(async ({ request }) => resetBackend(request));

    test('the VM list asks for the VMs before it is built, and once', async ({ page }) => {
      const crashes = watchForCrashes(page);
      await timeTheFrame(page);
      await page.goto(`/?${b.query}`);
      await expect(page.getByRole('link', { name: b.vms[0][0], exact: true })).toBeVisible();
      const reads = await apiReads(page);
      const frame = await frameAt(page);
      const [expected] = firstReads(b.query.includes('kubevirt'), '').list;
      const vms = reads.filter((r) => r.path.endsWith(expected));
      expect(vms).toHaveLength(1);
      expect(vms[0].start).toBeLessThan(frame);
      // The boot script asked for the configuration and the VMs, and the app took both.
      const boot = await bootReads(page);
      expect(boot.asked).toHaveLength(2);
      expect(boot.asked[0]).toBe('config.json');
      expect(boot.asked[1]).toContain(expected);
      expect(boot.untaken).toEqual([]);
      expect(crashes).toEqual([]);
    });

    test('an address that is no page of the app reads nothing ahead, and says the page is not found', async ({ page }) => {
      const crashes = watchForCrashes(page);
      // The boot script tells the page from the path by the app's own rule (Page::of).
      for (const path of [`/vms/${b.withSnapshots.vm}/snapshots/s1/more`, `/vms/${b.withSnapshots.vm}/schedules`, '/vms//snapshots']) {
        await page.goto(`${path}?${b.query}`);
        await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
        const boot = await bootReads(page);
        expect(boot.asked, path).toEqual(['config.json']);
        expect(boot.untaken, path).toEqual([]);
      }
      expect(crashes).toEqual([]);
    });

    test('a Snapshots tab asks for the VM, its snapshots and its schedules before it is built, and each once', async ({ page, context }) => {
      const crashes = watchForCrashes(page);
      const { url, tab, tabCrashes } = await tabAside(page, context, b.query, b.withSnapshots.vm);
      await timeTheFrame(tab);
      await tab.goto(url.toString());
      await expect(snapshotRow(tab, b.withSnapshots.snapshots[0][0])).toBeVisible();
      // Everything the tab reads first has come: the sizes follow the snapshots.
      await expect(tab.locator('[data-total]')).toBeVisible();
      const reads = await apiReads(tab);
      const frame = await frameAt(tab);
      const vmId = url.pathname.split('/')[2];
      const boot = await bootReads(tab);
      const tabReads = firstReads(b.query.includes('kubevirt'), vmId).tab;
      for (const expected of tabReads) {
        const made = reads.filter((r) => r.path.endsWith(expected));
        expect(made, expected).toHaveLength(1);
        expect(made[0].start, expected).toBeLessThan(frame);
        // The boot script asked for it, before the wasm had loaded, and the app took its answer.
        const asked = boot.asked.filter((key) => new URL(key.slice(key.indexOf(' ') + 1), tab.url()).pathname.endsWith(expected));
        expect(asked, expected).toHaveLength(1);
      }
      expect(boot.asked).toHaveLength(tabReads.length + 1);
      expect(boot.untaken).toEqual([]);
      // The reads went out before the adapter's module and its chunks were asked for: the browser
      // has six connections to the host, and the reads are what the table waits for longest.
      const adapterAt = await tab.evaluate(() =>
        Math.min(
          ...performance
            .getEntriesByType('resource')
            .filter((r) => /\/(split_(ovirt|kubevirt)|chunk_\d+)[^/]*\.wasm$/.test(new URL(r.name).pathname))
            .map((r) => r.startTime),
        ),
      );
      expect(Number.isFinite(adapterAt)).toBe(true);
      for (const expected of tabReads) {
        const made = reads.find((r) => r.path.endsWith(expected))!;
        expect(made.start, expected).toBeLessThanOrEqual(adapterAt);
      }
      // A running VM's instance (its guest agent) is asked for once, though the VM is read again
      // when its watch's first list comes: the VM's version has not changed.
      if (b.query.includes('kubevirt')) {
        expect(reads.filter((r) => r.path.includes('/virtualmachineinstances/')).map((r) => r.path)).toEqual([
          `/apis/kubevirt.io/v1/namespaces/default/virtualmachineinstances/${b.withSnapshots.vm}`,
        ]);
      }
      expect([...crashes, ...tabCrashes]).toEqual([]);
    });
  });
}

for (const b of stories.filter((s) => !s.query.includes('kubevirt'))) {
  test.describe(`Opening a page by its address on ${b.label}, with its API and token in the address`, () => {
    test.beforeEach(async ({ request }) => resetBackend(request));

    test('the reads sent before the app is built go to that API with that token, and the app takes them', async ({ page, request }) => {
      const crashes = watchForCrashes(page);
      // An engine that takes only a token its portal handed out (the oVirt portal stand-in's).
      const portal = await (await request.get('/_host/ovirt/')).text();
      const token = /name="sso-token" content="([^"]+)"/.exec(portal)![1];
      const api = '/_host/ovirt/engine/ovirt-engine/api';
      const sent: { path: string; auth?: string }[] = [];
      page.on('request', (r) => {
        const url = new URL(r.url());
        if (url.pathname.startsWith(api)) sent.push({ path: url.pathname, auth: r.headers()['authorization'] });
      });
      const vmId = (await (await request.get('/ovirt-engine/api/vms', { headers: { Accept: 'application/json' } })).json()).vm.find(
        (vm: { name: string }) => vm.name === b.withSnapshots.vm,
      ).id;
      await page.goto(`/vms/${vmId}/snapshots?${b.query}&api=${encodeURIComponent(api)}&token=${token}`);
      await expect(snapshotRow(page, b.withSnapshots.snapshots[0][0])).toBeVisible();
      await expect(page.locator('[data-total]')).toBeVisible();
      // The boot script asked for the tab's first reads at that API, and the app took them all.
      const boot = await bootReads(page);
      const tabReads = firstReads(false, vmId).tab;
      expect(boot.asked).toHaveLength(tabReads.length + 1);
      for (const key of boot.asked.slice(1)) expect(new URL(key.slice(key.indexOf(' ') + 1), page.url()).pathname).toContain(api);
      expect(boot.untaken).toEqual([]);
      // Each went out once, and every read carried the token (the engine takes no other).
      for (const expected of tabReads) expect(sent.filter((r) => r.path.endsWith(expected)), expected).toHaveLength(1);
      expect(sent.filter((r) => r.auth !== `Bearer ${token}`)).toEqual([]);
      expect(crashes).toEqual([]);
    });
  });
}

for (const b of stories.filter((s) => s.query.includes('kubevirt'))) {
  test.describe(`Opening a page by its address on ${b.label}, with its API and token in the address`, () => {
    test.beforeEach(async ({ request }) => resetBackend(request));

    test('the reads sent before the app is built go to that API with that token, and the app takes them', async ({ page }) => {
      const crashes = watchForCrashes(page);
      // The console's Kubernetes proxy, with a bearer token as a cluster's OAuth server hands out.
      const api = '/api/kubernetes';
      const token = 'sha256~q3Zbv7NfV0v2lKcY8ytQnJm5xZkL1w4eRrT9uPaSd0E';
      const sent: { path: string; auth?: string; watch: boolean }[] = [];
      page.on('request', (r) => {
        const url = new URL(r.url());
        if (url.pathname.startsWith('/api') || url.pathname.startsWith('/apis')) {
          sent.push({ path: url.pathname, auth: r.headers()['authorization'], watch: url.searchParams.has('watch') });
        }
      });
      await page.goto(`/vms/${b.withSnapshots.vm}/snapshots?${b.query}&api=${encodeURIComponent(api)}&token=${token}`);
      await expect(snapshotRow(page, b.withSnapshots.snapshots[0][0])).toBeVisible();
      await expect(page.locator('[data-total]')).toBeVisible();
      // The boot script asked for the tab's first reads at that API, and the app took them all.
      const boot = await bootReads(page);
      const tabReads = firstReads(true, b.withSnapshots.vm).tab;
      expect(boot.asked).toHaveLength(tabReads.length + 1);
      for (const key of boot.asked.slice(1)) expect(new URL(key.slice(key.indexOf(' ') + 1), page.url()).pathname).toMatch(/^\/api\/kubernetes\/apis\//);
      expect(boot.untaken).toEqual([]);
      // Each list went out once, and then its watch: every read, the watches too, went to that API
      // with the token.
      for (const expected of tabReads) {
        expect(sent.filter((r) => r.path.endsWith(expected) && !r.watch), expected).toHaveLength(1);
      }
      await expect.poll(() => sent.filter((r) => r.watch).length).toBeGreaterThan(0);
      expect(sent.filter((r) => !r.path.startsWith(`${api}/`))).toEqual([]);
      expect(sent.filter((r) => r.auth !== `Bearer ${token}`)).toEqual([]);
      expect(crashes).toEqual([]);
    });
  });
}

// The standalone page waits for its first reads before it builds itself, so that its first frame
// has the table; but never for long: a slow API gets the page, with its loading state, first.
for (const b of stories) {
  test.describe(`Opening a page by its address on ${b.label}, with a slow API`, () => {
    test.beforeEach(async ({ request }) => resetBackend(request));

    test('the tab shows itself, loading, before its snapshot list comes, then the list', async ({ page, context }) => {
      const crashes = watchForCrashes(page);
      const { url, tab, tabCrashes } = await tabAside(page, context, b.query, b.withSnapshots.vm);
      // The snapshot list (not its watch) is held until the story lets it go.
      const list = /\/(snapshots|virtualmachinesnapshots)$/;
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let answered = 0;
      await tab.route(
        (url) => list.test(url.pathname) && !url.searchParams.has('watch'),
        async (route) => {
          // The page itself (its address ends with /snapshots too) is not held.
          if (route.request().resourceType() === 'fetch') await held;
          await route.continue();
        },
      );
      tab.on('requestfinished', (r) => {
        const url = new URL(r.url());
        if (r.resourceType() === 'fetch' && list.test(url.pathname) && !url.searchParams.has('watch')) answered += 1;
      });
      await tab.goto(url.toString());
      await expect(tab.locator('.pf-v6-c-masthead')).toBeVisible();
      await expect(tab.getByRole('heading', { name: b.withSnapshots.vm })).toBeVisible();
      await expect(tab.locator('table[aria-label="Snapshots"][aria-busy="true"]')).toBeVisible();
      expect(answered).toBe(0);
      release();
      await expect(snapshotRow(tab, b.withSnapshots.snapshots[0][0])).toBeVisible();
      await expect(tab.locator('table[aria-label="Snapshots"]')).toHaveAttribute('aria-busy', 'false');
      expect([...crashes, ...tabCrashes]).toEqual([]);
    });
  });
}

// The standalone page is built at once but kept out of the layout until its first state is drawn,
// or 300 ms have passed (the `vms-starting` class on the root, src/starting.rs): nothing of it is drawn
// meanwhile, and the first frame that shows it has its table, never an empty frame, a skeleton or
// a table filling in row by row before it.
for (const b of stories) {
  test.describe(`Opening a page by its address on ${b.label}, while its first reads come`, () => {
    test.beforeEach(async ({ request }) => resetBackend(request));

    test('nothing of the page is drawn while it is kept out of the layout, and the first frame shown has its snapshots', async ({ page, context }) => {
      const crashes = watchForCrashes(page);
      const { url, tab, tabCrashes } = await tabAside(page, context, b.query, b.withSnapshots.vm);
      // At each animation frame until the table is shown: whether anything of the app can be
      // seen, and what; and how long the page was kept out of the layout.
      await tab.addInitScript(() => {
        const seenBy = window as unknown as { __frames: unknown[]; __hidden: { from?: number; to?: number } };
        const frames: { starting: boolean; skeleton: boolean; rows: number }[] = [];
        const hidden: { from?: number; to?: number } = {};
        seenBy.__frames = frames;
        seenBy.__hidden = hidden;
        new MutationObserver(() => {
          const starting = document.documentElement?.classList.contains('vms-starting') ?? false;
          if (starting && hidden.from === undefined) hidden.from = performance.now();
          if (!starting && hidden.from !== undefined && hidden.to === undefined) hidden.to = performance.now();
        }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
        const seen = (selector: string) => [...document.querySelectorAll(selector)].filter((e) => e.checkVisibility());
        const look = () => {
          if (seen('.pf-v6-c-masthead').length > 0) {
            const rows = seen('table[aria-label="Snapshots"] tbody tr[data-row] td[data-label="Name"] a').length;
            const starting = document.documentElement.classList.contains('vms-starting');
            frames.push({ starting, skeleton: seen('.vms-skeleton-row').length > 0, rows });
            if (rows > 0) return;
          }
          requestAnimationFrame(look);
        };
        requestAnimationFrame(look);
      });
      await tab.goto(url.toString());
      await expect(snapshotRow(tab, b.withSnapshots.snapshots[0][0])).toBeVisible();
      const { frames, hidden } = await tab.evaluate(() => {
        const seenBy = window as unknown as {
          __frames: { starting: boolean; skeleton: boolean; rows: number }[];
          __hidden: { from?: number; to?: number };
        };
        return { frames: seenBy.__frames, hidden: seenBy.__hidden };
      });
      // Everything the tab reads first has come: the sizes follow the snapshots.
      await expect(tab.locator('[data-total]')).toBeVisible();
      const rows = await tab.locator('table[aria-label="Snapshots"] tbody tr[data-row] td[data-label="Name"] a').count();
      expect(rows).toBeGreaterThanOrEqual(b.withSnapshots.snapshots.length);
      // The page was kept out of the layout while it started.
      expect(hidden.from).toBeDefined();
      expect(hidden.to).toBeDefined();
      expect(frames.length).toBeGreaterThan(0);
      // Nothing of the page could be seen while it was kept out of the layout.
      expect(frames.filter((f) => f.starting)).toEqual([]);
      // The first frame with the page in it had the snapshots in it too, all of the page's; unless
      // the page waited its longest (300 ms, on a machine too busy to draw it sooner), when it is
      // shown loading rather than not at all.
      const waited = hidden.to! - hidden.from!;
      if (waited < 290) {
        expect(frames[0], `shown after ${Math.round(waited)} ms`).toEqual({ starting: false, skeleton: false, rows });
      } else {
        expect(frames[0].starting).toBe(false);
        expect(frames[frames.length - 1].rows).toBe(rows);
      }
      expect([...crashes, ...tabCrashes]).toEqual([]);
    });
  });
}
