// What the development backend seeds, per backend, as a user would see it in the app.

export interface Story {
  /** How the test names the backend. */
  label: string;
  /** The URL query that selects it. */
  query: string;
  /** Every VM the VM list shows, with the status label it shows. */
  vms: [name: string, status: string][];
  /** A VM with snapshots, and what its Snapshots tab shows. */
  withSnapshots: {
    vm: string;
    snapshots: [name: string, date: string, status: string][];
  };
  /** A VM whose Snapshots tab shows a failed or previewed snapshot. */
  special: { vm: string; snapshot: string; status: string };
  /** A VM without snapshots. */
  empty: string;
  /** A disk of `withSnapshots.vm` that cannot be snapshotted, with the reason shown. */
  unsnapshottable?: { vm: string; disk: string; reason: string };
}

const ovirt = (label: string, query: string): Story => ({
  label,
  query,
  vms: [
    ['web-frontend', 'Running'],
    ['db-primary', 'Stopped'],
    ['legacy-app', 'Stopped'],
    ['scratch-vm', 'Running'],
    ['archive-vm', 'Stopped'],
  ],
  withSnapshots: {
    vm: 'web-frontend',
    // Dates are shown in the browser's time zone (UTC in these tests).
    snapshots: [
      ['before-upgrade', '2026-10-01 07:15', 'OK'],
      ['nightly 2026-11-20', '2026-11-20 02:00', 'OK'],
      ['post-patch', '2026-11-05 21:40', 'OK'],
    ],
  },
  special: { vm: 'legacy-app', snapshot: 'prova', status: 'In preview' },
  empty: 'scratch-vm',
  unsnapshottable: {
    vm: 'db-primary',
    disk: 'db-primary_shared_quorum',
    reason: 'Shareable disks cannot be snapshotted',
  },
});

export const stories: Story[] = [
  ovirt('oVirt (XML)', 'backend=ovirt&format=xml'),
  ovirt('oVirt (JSON)', 'backend=ovirt&format=json'),
  {
    label: 'KubeVirt',
    query: 'backend=kubevirt',
    vms: [
      ['fedora-web', 'Running'],
      ['rhel9-db', 'Stopped'],
      ['win-noagent', 'Running'],
      ['empty-vm', 'Stopped'],
      ['archive-vm', 'Stopped'],
    ],
    withSnapshots: {
      vm: 'fedora-web',
      snapshots: [
        ['fedora-web-snapshot-20261001-091500', '2026-10-01 07:15', 'OK'],
        ['fedora-web-snapshot-20261120-020000', '2026-11-20 02:00', 'OK'],
        ['fedora-web-snapshot-20261105-164000', '2026-11-05 21:40', 'OK'],
      ],
    },
    special: { vm: 'rhel9-db', snapshot: 'rhel9-db-nightly-failed', status: 'Failed' },
    empty: 'empty-vm',
    unsnapshottable: {
      vm: 'fedora-web',
      disk: 'cloudinitdisk',
      reason: 'Snapshot is not supported for this volumeSource type [cloudinitdisk]',
    },
  },
];
