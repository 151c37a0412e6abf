// Reads the conformance proxy's findings (JSON lines {"kind", "where", "what"}) after the stories
// and closes with one line, "conformance: N findings". Every finding is printed except the
// expected ones: the snapshot-schedule extension resources (oVirt `snapshot_schedule(s)`, which
// the SDK cannot read, and KubeVirt `VirtualMachineSnapshotSchedule`), OpenShift's `Template`, and
// the CSI `VolumeSnapshot` (snapshot.storage.k8s.io, Kubernetes' own, read for its restoreSize).
// Any other finding fails: exit 1.
import { existsSync, readFileSync } from 'node:fs';

const file = process.argv[2];
// The proxy writes the file at its first finding: none means none was found.
const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()) : [];

/** Whether a finding is one of the extensions this project adds on purpose. */
export function expected({ kind, where, what }) {
  if (kind === 'not-kubevirt') {
    return / VirtualMachineSnapshotSchedule(List)?$/.test(where) || / template\.openshift\.io\/v1 Template$/.test(where)
      || / snapshot\.storage\.k8s\.io\/v1 VolumeSnapshot$/.test(where);
  }
  const schedulePath = /\/snapshotschedules(\/|\?|$)/.test(where);
  if (kind === 'not-ovirt') return schedulePath;
  if (kind === 'ovirt-model') return schedulePath && /^<snapshot_schedules?> unreadable by the SDK/.test(what);
  return false;
}

let bad = 0;
const left = new Map();
for (const line of lines) {
  let f;
  try {
    f = JSON.parse(line);
  } catch {
    f = { kind: 'unreadable-finding', where: file, what: line };
  }
  if (expected(f)) {
    left.set(f.kind, (left.get(f.kind) ?? 0) + 1);
    continue;
  }
  bad += 1;
  console.log(`  ${f.kind}: ${f.where}: ${f.what}`);
}
const leftOut = [...left].map(([k, n]) => `${n} ${k}`).join(', ');
if (leftOut) console.log(`  left out as expected (the extension resources): ${leftOut}`);
console.log(`conformance: ${bad} findings`);
process.exit(bad ? 1 : 0);
