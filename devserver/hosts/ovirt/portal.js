// A stand-in for the oVirt Administration Portal's UI plugin host: it reads the plugin's
// descriptor, defines pluginApi(name) (register, ready, configObject, addDetailPlace,
// setPlaceContentUrl, ssoToken, engineBaseUrl), runs the start page in a hidden iframe, fires
// UiInit, then VirtualMachineSelectionChange as a VM of the list is selected, and shows the
// detail place's iframe. Its engine API accepts only the bearer token ssoToken() hands out.
(async function () {
  const token = document.querySelector('meta[name="sso-token"]').content;
  const base = new URL('./', location.href); // relative plugin URLs resolve here, as under /webadmin/
  const engineBaseUrl = new URL('engine/ovirt-engine/', base).href;
  const descriptor = await (await fetch(new URL('ui-plugins/vm-snapshots.json', base))).json();
  let handlers = {};
  const places = {};

  function showPlace(historyToken) {
    const place = places[historyToken];
    if (!place) return;
    let frame = document.getElementById(`place-${historyToken}`);
    if (!frame) {
      frame = document.createElement('iframe');
      frame.id = `place-${historyToken}`;
      frame.title = place.label;
      frame.style.width = '100%';
      frame.style.height = '70vh';
      frame.style.border = '0';
      document.getElementById('detail').append(frame);
    }
    const src = new URL(place.url, base).href;
    if (frame.src !== src) frame.src = src;
  }

  window.pluginApi = (name) => ({
    register(h) {
      if (name === descriptor.name) handlers = h;
    },
    ready() {
      start();
    },
    configObject() {
      return descriptor.config ?? {};
    },
    addDetailPlace(entityType, label, historyToken, contentUrl) {
      if (entityType !== 'VirtualMachine') return;
      places[historyToken] = { label, url: contentUrl };
      const li = document.createElement('li');
      li.className = 'pf-v6-c-tabs__item pf-m-current';
      li.setAttribute('role', 'presentation');
      const tab = document.createElement('span');
      tab.className = 'pf-v6-c-tabs__link';
      tab.setAttribute('role', 'tab');
      tab.textContent = label;
      li.append(tab);
      document.getElementById('places').append(li);
    },
    setPlaceContentUrl(historyToken, contentUrl) {
      if (places[historyToken]) places[historyToken].url = contentUrl;
      showPlace(historyToken);
    },
    ssoToken() {
      return token;
    },
    engineBaseUrl() {
      return engineBaseUrl;
    },
  });

  async function start() {
    handlers.UiInit?.();
    const r = await fetch(`${engineBaseUrl}api/vms`, { headers: { Accept: 'application/json', Authorization: `Bearer ${token}` } });
    const vms = (await r.json()).vm ?? [];
    const list = document.getElementById('vms');
    for (const vm of vms) {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'pf-v6-c-button pf-m-link';
      button.textContent = vm.name;
      button.addEventListener('click', () => handlers.VirtualMachineSelectionChange?.({ id: vm.id, name: vm.name }));
      li.append(button);
      list.append(li);
    }
  }

  const frame = document.createElement('iframe');
  frame.hidden = true;
  frame.title = `${descriptor.name} start page`;
  frame.src = new URL(descriptor.url, base).href;
  document.body.append(frame);
})();
