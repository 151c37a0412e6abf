// The tab on the console's VirtualMachine page. The console passes the VirtualMachine as `obj`;
// this renders <vm-snapshots-tab> for it, talking to the cluster through the console's own
// Kubernetes proxy with the console's CSRF token. The element's module and its wasm are loaded
// from this plugin's public path, where the console serves its assets.
import * as React from 'react';

const PUBLIC_PATH = '/api/plugins/vm-snapshots/';
let loading;

/** Loads (once) the module that defines <vm-snapshots-tab>. */
function loadElement() {
  if (!loading) loading = import(/* webpackIgnore: true */ `${PUBLIC_PATH}vm-snapshots-tab.js`);
  return loading;
}

export default function SnapshotsTab({ obj }) {
  const [failure, setFailure] = React.useState(null);
  React.useEffect(() => {
    loadElement().catch((e) => setFailure(String(e?.message ?? e)));
  }, []);
  const base = (window.SERVER_FLAGS && window.SERVER_FLAGS.basePath) || '/';
  if (failure) {
    return React.createElement('p', { className: 'pf-v6-c-content' }, `The Snapshots tab cannot be loaded: ${failure}`);
  }
  return React.createElement('vm-snapshots-tab', {
    backend: 'kubevirt',
    api: `${base}api/kubernetes`,
    namespace: obj?.metadata?.namespace,
    vm: obj?.metadata?.name,
    'csrf-cookie': 'csrf-token',
    'edit-vm': `${base}k8s/ns/{namespace}/kubevirt.io~v1~VirtualMachine/{name}`,
  });
}
