#!/usr/bin/env bash
# Adds vm-snapshots to the console operator's spec.plugins (keeping the plugins already there).
set -euo pipefail
if oc get consoles.operator.openshift.io cluster -o jsonpath='{.spec.plugins}' | grep -qw vm-snapshots; then
  echo "vm-snapshots is already enabled"
elif [ -z "$(oc get consoles.operator.openshift.io cluster -o jsonpath='{.spec.plugins}')" ]; then
  oc patch consoles.operator.openshift.io cluster --type=merge -p '{"spec":{"plugins":["vm-snapshots"]}}'
else
  oc patch consoles.operator.openshift.io cluster --type=json -p '[{"op":"add","path":"/spec/plugins/-","value":"vm-snapshots"}]'
fi
