// The oVirt Administration Portal runs this page in a hidden iframe. It adds the Snapshots tab as
// a detail place of virtual machines, and points it at the selected VM.
(function () {
  var api = parent.pluginApi('vm-snapshots');
  var config = api.configObject() || {};
  var place = 'vm-snapshots';
  var content = 'plugin/vm-snapshots/tab.html';
  api.register({
    UiInit: function () {
      api.addDetailPlace('VirtualMachine', config.label || 'Snapshot manager', place, content);
    },
    VirtualMachineSelectionChange: function () {
      var vm = arguments[0];
      if (!vm || !vm.id) return;
      var query = '?vm=' + encodeURIComponent(vm.id) + (config.format ? '&format=' + encodeURIComponent(config.format) : '');
      api.setPlaceContentUrl(place, content + query);
    },
  });
  api.ready();
})();
