// The detail place's page: the Snapshots tab of the VM named in the query, talking to the engine
// with the portal's SSO token. The portal provides PatternFly; without it, the copy beside this
// file is used.
import { mount } from './vm-snapshots-tab.js';

const api = parent.pluginApi('vm-snapshots');
const query = new URLSearchParams(location.search);
if (!document.querySelector('link[href*="patternfly"]')) {
  const css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = new URL('./patternfly.min.css', import.meta.url).href;
  document.head.append(css);
}
mount(document.getElementById('tab'), {
  backend: 'ovirt',
  format: query.get('format') ?? 'xml',
  api: `${api.engineBaseUrl()}api`,
  token: api.ssoToken(),
  vm: query.get('vm'),
});
