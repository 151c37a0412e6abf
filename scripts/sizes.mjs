// node scripts/sizes.mjs DIR…: each built folder's files, gzipped (level 9), and what a page
// downloads from it. The wasm is split (scripts/build-wasm): the main module is always
// downloaded; a build with both backends holds each adapter in a module of its own (split_ovirt,
// split_kubevirt), downloaded by a page of that backend at its start; the dialogs and the
// timeline (split_parts) are downloaded when one is first opened, and with a dialog the backends'
// actions (split_actions: what sends changes, src/api/mod.rs); KubeVirt's snapshot sizes
// (split_sizes, src/api/kubevirt/sizes.rs) after the first table. Each module needs the chunks
// (chunk_N) it shares with others, as the loader (__wasm_split*.js) lists them.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { splitModules } from './split-modules.mjs';

const kib = (n) => (n / 1024).toFixed(1).padStart(8);

for (const dir of process.argv.slice(2)) {
  const files = readdirSync(dir)
    .filter((f) => statSync(path.join(dir, f)).isFile() && f !== 'patternfly.min.css')
    .sort();
  const gz = {};
  for (const f of files) {
    const raw = readFileSync(path.join(dir, f));
    gz[f] = gzipSync(raw, { level: 9 }).length;
    console.log(`  ${(dir + '/' + f).padEnd(72)} ${kib(raw.length)} KiB  ${kib(gz[f])} KiB gzipped`);
  }
  const sum = (fs) => [...new Set(fs)].reduce((n, f) => n + (gz[f] ?? 0), 0);
  const parts = splitModules(dir);
  const split = new Set(Object.values(parts).flat());
  const always = files.filter((f) => !split.has(f));
  const what = dir === 'dist' ? '(without fonts)' : '(without the PatternFly copy)';
  const onDemand = ['parts', 'actions', 'sizes'];
  const adapters = Object.keys(parts).filter((p) => !onDemand.includes(p));
  if (adapters.length === 0) {
    console.log(`  ${`${dir}: first page ${what}`.padEnd(72)} ${' '.repeat(13)}${kib(sum(always))} KiB gzipped`);
  }
  for (const a of adapters) {
    console.log(`  ${`${dir}: first page on ${a} ${what}`.padEnd(72)} ${' '.repeat(13)}${kib(sum([...always, ...parts[a]]))} KiB gzipped`);
  }
  if (parts.parts) {
    console.log(`  ${`${dir}: the dialogs and the timeline, on first use`.padEnd(72)} ${' '.repeat(13)}${kib(sum(parts.parts))} KiB gzipped`);
  }
  if (parts.sizes) {
    console.log(`  ${`${dir}: KubeVirt's sizes, after the first table`.padEnd(72)} ${' '.repeat(13)}${kib(sum(parts.sizes))} KiB gzipped`);
  }
  if (parts.actions) {
    console.log(`  ${`${dir}: the actions, with the first dialog`.padEnd(72)} ${' '.repeat(13)}${kib(sum(parts.actions))} KiB gzipped`);
  }
}
