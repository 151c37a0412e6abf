// The embeddable Snapshots tab: an ES module with a stable name. Importing it defines the custom
// element <vm-snapshots-tab> (a second import is harmless) and exports mount(element, options),
// which resolves to a handle with unmount() and update(options). The wasm and this module's own
// stylesheet are found beside it, relative to import.meta.url. Options and attributes: backend,
// format, api, namespace, token, edit_vm (edit-vm), csrf_cookie (csrf-cookie) and vm.
import init, { mountTab } from './vm-snapshots-tab-core.js';

const here = import.meta.url;
let loading;
const mounted = new Set();

/** Loads the wasm once, and this module's few own rules (scoped to the element). */
function load() {
  if (!loading) {
    if (!document.querySelector('link[data-vm-snapshots-tab]')) {
      const css = document.createElement('link');
      css.rel = 'stylesheet';
      css.href = new URL('./vm-snapshots-tab.css', here).href;
      css.dataset.vmSnapshotsTab = '';
      document.head.append(css);
    }
    loading = init({ module_or_path: new URL('./vm-snapshots-tab-core_bg.wasm', here) });
  }
  return loading;
}

/** Options with the attribute spellings read as the configuration keys. */
function normalize(options) {
  const out = {};
  for (const [k, v] of Object.entries(options ?? {})) out[k.replace(/-/g, '_')] = v;
  return out;
}

/** Writes a message into `element` as text, for a tab that cannot load at all. */
function fail(element, error) {
  const p = document.createElement('p');
  p.className = 'vms-embed-failure';
  p.textContent = `The Snapshots tab cannot be loaded: ${error?.message ?? error}`;
  element.replaceChildren(p);
}

export async function mount(element, options = {}) {
  try {
    await load();
  } catch (error) {
    fail(element, error);
    return { unmount() { element.replaceChildren(); }, update() {} };
  }
  let handle = mountTab(element, normalize(options));
  // A mounted tab stays until unmount(), even if the caller drops the handle: the wasm side
  // would otherwise take it down when the garbage collector frees its handle.
  mounted.add(handle);
  return {
    update(next) {
      handle?.update(normalize(next));
    },
    unmount() {
      if (!handle) return;
      mounted.delete(handle);
      handle.unmount();
      handle.free();
      handle = null;
    },
  };
}

const ATTRIBUTES = ['backend', 'format', 'api', 'namespace', 'token', 'edit-vm', 'csrf-cookie', 'vm'];

class VmSnapshotsTab extends HTMLElement {
  static get observedAttributes() {
    return ATTRIBUTES;
  }

  #handle = null;
  #mounting = null;
  #shown = '';
  #pending = false;
  #generation = 0;

  connectedCallback() {
    this.#refresh();
  }

  attributeChangedCallback() {
    if (this.isConnected) this.#refresh();
  }

  disconnectedCallback() {
    this.#generation += 1;
    this.#handle?.unmount();
    this.#handle = null;
  }

  #options() {
    const options = {};
    for (const name of ATTRIBUTES) {
      const value = this.getAttribute(name);
      if (value !== null) options[name] = value;
    }
    return options;
  }

  /** Attribute changes made together are applied once, after they are all set. */
  #refresh() {
    if (this.#pending) return;
    this.#pending = true;
    queueMicrotask(() => {
      this.#pending = false;
      this.#apply();
    });
  }

  async #apply() {
    if (!this.isConnected) return;
    const options = this.#options();
    const key = JSON.stringify(options);
    if (this.#handle) {
      if (key !== this.#shown) {
        this.#shown = key;
        this.#handle.update(options);
      }
      return;
    }
    if (this.#mounting) {
      await this.#mounting;
      return this.#apply();
    }
    const generation = this.#generation;
    this.#shown = key;
    this.#mounting = mount(this, options);
    const handle = await this.#mounting;
    this.#mounting = null;
    // Removed while the wasm loaded: take it down at once.
    if (generation !== this.#generation || !this.isConnected) handle.unmount();
    else this.#handle = handle;
  }
}

if (!customElements.get('vm-snapshots-tab')) customElements.define('vm-snapshots-tab', VmSnapshotsTab);
