// The page's first reads, asked for while the wasm downloads and compiles (about 150 ms on this
// machine before the app could ask for them itself). The app's HTTP client takes these answers
// (src/api/http.rs, take_boot) instead of asking again; a read this script did not make, or made
// otherwise, the app simply makes itself. What it asks for comes from the adapters' own paths
// (the plan below, written by the native tests), the page's address, config.json and the query,
// merged as src/config.rs does (a non-empty query value wins, values trimmed).
(() => {
  // BEGIN PLAN (written by `UPDATE_READ_AHEAD=1 cargo test read_ahead_plan`; do not edit)
  const plan = {
    "backends": {
      "kubevirt": {
        "accept": {
          "json": "application/json",
          "xml": "application/json"
        },
        "api": "",
        "tab": [
          "/apis/kubevirt.io/v1/namespaces/{namespace}/virtualmachines",
          "/apis/snapshot.kubevirt.io/v1beta1/namespaces/{namespace}/virtualmachinesnapshots",
          "/apis/snapshot.kubevirt.io/v1beta1/namespaces/{namespace}/virtualmachinerestores",
          "/apis/snapshot.kubevirt.io/v1beta1/namespaces/{namespace}/virtualmachinesnapshotschedules"
        ],
        "vms": [
          "/apis/kubevirt.io/v1/namespaces/{namespace}/virtualmachines"
        ]
      },
      "ovirt": {
        "accept": {
          "json": "application/json",
          "xml": "application/xml"
        },
        "api": "/ovirt-engine/api",
        "tab": [
          "/vms/{vm}",
          "/vms/{vm}/diskattachments?follow=disk",
          "/vms/{vm}/snapshots?follow=disks",
          "/vms/{vm}/snapshotschedules"
        ],
        "vms": [
          "/vms"
        ]
      }
    },
    "defaults": {
      "backend": "ovirt",
      "format": "xml",
      "namespace": "default"
    }
  };
  // END PLAN
  // answers: what the app has not taken yet; asked: every key asked for (for the stories).
  const ahead = { sent: Date.now(), answers: {}, asked: [] };
  // Where an answer carries its body, already read (src/api/http.rs, BOOT_BODY).
  const BODY = 'vmSnapshotsBody';
  window.vmSnapshotsAhead = ahead;
  const keep = (key, answer) => {
    // A failed read is the app's to report, when it takes it.
    answer.catch(() => {});
    ahead.answers[key] = answer;
    ahead.asked.push(key);
    return answer;
  };
  const config = fetch('config.json');
  // Each backend's adapter module and the chunks it needs, by backend (scripts/csp-boot.mjs):
  // asked for as soon as the backend is known, so that they come while the main wasm does, but
  // after the page's reads: a browser opens six connections to a host, and the reads, the
  // longest wait of the start, should not queue behind a dozen modules.
  const modules = document.currentScript?.dataset ?? {};
  const preload = (backend) => {
    const files = Object.hasOwn(modules, backend) ? modules[backend] : '';
    for (const href of files.split(' ').filter(Boolean)) {
      const link = document.createElement('link');
      Object.assign(link, { rel: 'preload', href, as: 'fetch', type: 'application/wasm', crossOrigin: 'anonymous' });
      document.head.appendChild(link);
    }
  };

  // The page, as src/app.rs first_reads tells it (by src/pages/location.rs, Page::of): the VM
  // list (`/`), or a VM's Snapshots tab (`/vms/<id>/snapshots`, and a snapshot's or a
  // schedule's details under it: `…/snapshots/<id>`, `/vms/<id>/schedules/<id>`).
  const path = location.pathname.replace(/\/+$/, '');
  const parts = path.slice(1).split('/');
  let page = null;
  let vm = '';
  if (path === '') {
    page = 'vms';
  } else if (
    path.startsWith('/') &&
    !parts.includes('') &&
    parts[0] === 'vms' &&
    ((parts.length === 3 && parts[2] === 'snapshots') ||
      (parts.length === 4 && ['snapshots', 'schedules'].includes(parts[2])))
  ) {
    page = 'tab';
    vm = parts[1];
  }
  // Names the adapters put in a path as they are: these need no encoding.
  const plain = /^[A-Za-z0-9._~-]+$/;

  // The backend, once the configuration is read (the app downloads its adapter meanwhile).
  let found;
  ahead.backend = new Promise((resolve) => (found = resolve));
  const sent = config
    // No config.json is an empty configuration, as for the app; one it cannot read, nothing to
    // send (the app says what is wrong with it).
    .then((r) => (r.ok ? r.clone().json() : {}))
    .catch(() => null)
    .then((file) => {
      if (file === null || typeof file !== 'object') return;
      const query = new URLSearchParams(location.search);
      const pick = (key) => {
        let value = null;
        for (const [k, v] of query) if (k === key && v.trim()) value = v.trim();
        if (value === null && typeof file?.[key] === 'string') value = file[key].trim();
        return value || null;
      };
      const name = pick('backend') ?? plan.defaults?.backend;
      found(name);
      try {
        send(pick, name);
      } finally {
        preload(name);
      }
    })
    .catch(() => {})
    .finally(() => found(null));
  // The page's first reads on the backend `name`, with `pick` reading a configuration key.
  function send(pick, name) {
    if (!page) return;
    const backend = plan.backends?.[name];
    const accept = backend?.accept[pick('format') ?? plan.defaults.format];
    if (!accept) return;
    const api = (pick('api') ?? backend.api).replace(/\/+$/, '');
    const namespace = pick('namespace') ?? plan.defaults.namespace;
    if (!plain.test(namespace) || (page === 'tab' && !plain.test(vm))) return;
    const headers = { Accept: accept };
    const token = pick('token');
    if (token) headers.Authorization = `Bearer ${token}`;
    for (const path of backend[page]) {
      const url = api + path.replaceAll('{vm}', vm).replaceAll('{namespace}', namespace);
      // The body is read here too, as soon as it comes: the app then has all of it at once,
      // in the same turn that takes the answer, instead of waiting for another task (after
      // the first frame, on a small VM) to read it.
      const answer = fetch(url, { headers }).then((r) =>
        r.arrayBuffer().then((body) => {
          r[BODY] = body;
          return r;
        }),
      );
      keep(`${accept} ${url}`, answer);
    }
  }
  // The app reads the configuration only once the reads are sent, so it never asks for one
  // of them itself meanwhile.
  keep('config.json', sent.then(() => config));
  // Settles once every read asked for has come, its body read, or failed (src/app.rs, start,
  // waits for it, up to a limit, before it builds the page).
  ahead.settled = sent.then(() => Promise.allSettled(Object.values(ahead.answers)));
})();

// If the app cannot start (its wasm or its JavaScript glue did not download, this browser cannot
// compile the wasm, or it failed as it started), the page says so, as the app's own error states
// do (PatternFly's empty state, the error as text), with a Reload button: never a blank page. The
// boot module (scripts/csp-boot.mjs) calls it; a module script that does not load (the boot
// module, when the glue it imports does not download) is seen here.
(() => {
  let told = false;
  const notStarted = (error) => {
    if (told) return;
    told = true;
    const el = (tag, className, text) => Object.assign(document.createElement(tag), { className, textContent: text ?? '' });
    const panel = el('div', 'pf-v6-c-empty-state pf-m-sm pf-m-danger vms-error');
    panel.setAttribute('role', 'alert');
    const content = panel.appendChild(el('div', 'pf-v6-c-empty-state__content'));
    content
      .appendChild(el('div', 'pf-v6-c-empty-state__header'))
      .appendChild(el('div', 'pf-v6-c-empty-state__title'))
      .appendChild(el('h1', 'pf-v6-c-empty-state__title-text', 'The app could not start'));
    const why =
      'Its files did not download, or this browser cannot run them (it needs WebAssembly with SIMD: ' +
      'Chrome or Edge 91, Firefox 89, Safari 16.4 or later). Check the connection, then reload.';
    content.appendChild(el('div', 'pf-v6-c-empty-state__body', `${why} (${error})`));
    const reload = content
      .appendChild(el('div', 'pf-v6-c-empty-state__footer'))
      .appendChild(el('div', 'pf-v6-c-empty-state__actions'))
      .appendChild(el('button', 'pf-v6-c-button pf-m-primary'));
    reload.type = 'button';
    reload.appendChild(el('span', 'pf-v6-c-button__text', 'Reload'));
    reload.addEventListener('click', () => location.reload());
    document.documentElement.classList.remove('vms-starting');
    document.body.replaceChildren(panel);
  };
  window.vmSnapshotsNotStarted = notStarted;
  addEventListener(
    'error',
    (e) => {
      if (e.target instanceof HTMLScriptElement && e.target.type === 'module') notStarted(`${e.target.src} did not load`);
    },
    true,
  );
})();
