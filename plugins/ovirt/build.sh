#!/usr/bin/env bash
# Assembles the oVirt UI plugin into plugins/ovirt/dist/: the descriptor and its resource folder,
# with the tab's module and stylesheets (from dist/embed/, built by scripts/build-embed), and its
# glue and wasm built with oVirt's adapter alone (dist/embed-ovirt/).
set -euo pipefail
cd "$(dirname "$0")"
rm -rf dist
mkdir -p dist/vm-snapshots-resources
cp vm-snapshots.json dist/
cp vm-snapshots-resources/* dist/vm-snapshots-resources/
cp -r ../../dist/embed/. dist/vm-snapshots-resources/
# The glue and wasm with oVirt's adapter alone, and the loader and the modules it fetches on
# demand, instead of the both-backends ones.
rm -f dist/vm-snapshots-resources/vm-snapshots-tab-core* dist/vm-snapshots-resources/__wasm_split.js \
  dist/vm-snapshots-resources/*.wasm
cp ../../dist/embed-ovirt/* dist/vm-snapshots-resources/
echo "==> plugins/ovirt/dist/: vm-snapshots.json vm-snapshots-resources/"
