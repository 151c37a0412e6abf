// A stand-in for the OpenShift console, enough to load the vm-snapshots dynamic plugin the way
// the console does: read /api/plugins/<name>/plugin-manifest.json, load its entry script, take
// the container it registers through window.__load_plugin_entry__, give it the shared modules
// (React) through init(), get the exposed module of the console.tab/horizontalNav extension
// for kubevirt.io/v1 VirtualMachine, and render it with obj = the VirtualMachine. Bundled with
// React by scripts/build-plugins into dist/_host/openshift/shell.js.
import * as React from 'react';
import { createRoot } from 'react-dom/client';

const PLUGIN = 'vm-snapshots';
window.SERVER_FLAGS = { basePath: '/' };

function loadContainer(manifest) {
  return new Promise((resolve, reject) => {
    window.__load_plugin_entry__ = (name, container) => {
      if (name === manifest.name) resolve(container);
    };
    const script = document.createElement('script');
    script.src = `${manifest.baseURL}${manifest.loadScripts[0]}`;
    script.onerror = () => reject(new Error(`cannot load ${script.src}`));
    document.head.append(script);
  });
}

async function start() {
  const params = new URLSearchParams(location.search);
  const ns = params.get('ns') ?? 'default';
  const name = params.get('vm') ?? 'fedora-web';
  const manifest = await (await fetch(`/api/plugins/${PLUGIN}/plugin-manifest.json`)).json();
  const container = await loadContainer(manifest);
  await container.init({ react: { [React.version]: { get: () => Promise.resolve(() => React), loaded: 1, from: 'console' } } });
  const tab = manifest.extensions.find(
    (e) =>
      e.type === 'console.tab/horizontalNav' &&
      e.properties.model.group === 'kubevirt.io' &&
      e.properties.model.kind === 'VirtualMachine',
  );
  const Component = (await container.get(tab.properties.component.$codeRef))().default;
  const vm = await (await fetch(`/api/kubernetes/apis/kubevirt.io/v1/namespaces/${ns}/virtualmachines/${name}`)).json();

  function Page() {
    const [dark, setDark] = React.useState(false);
    React.useEffect(() => {
      document.documentElement.classList.toggle('pf-v6-theme-dark', dark);
    }, [dark]);
    const e = React.createElement;
    return e('div', { className: 'pf-v6-c-page__main-section' },
      e('h1', { className: 'pf-v6-c-title pf-m-2xl' }, `VirtualMachine ${vm.metadata.name}`),
      e('button', { type: 'button', className: 'pf-v6-c-button pf-m-secondary', onClick: () => setDark(!dark) }, dark ? 'Light theme' : 'Dark theme'),
      e('nav', { className: 'pf-v6-c-tabs', 'aria-label': 'VirtualMachine details' },
        e('ul', { className: 'pf-v6-c-tabs__list', role: 'tablist' },
          e('li', { className: 'pf-v6-c-tabs__item pf-m-current', role: 'presentation' },
            e('span', { className: 'pf-v6-c-tabs__link', role: 'tab', 'aria-selected': 'true' }, tab.properties.page.name)))),
      e('section', { 'aria-label': tab.properties.page.name }, e(Component, { obj: vm })));
  }
  createRoot(document.getElementById('console')).render(React.createElement(Page));
}

start().catch((e) => {
  document.getElementById('console').textContent = `The stand-in could not load the plugin: ${e.message}`;
});
