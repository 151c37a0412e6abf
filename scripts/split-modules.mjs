// The split wasm's modules, as its loader (__wasm_split*.js, written by wasm-split-cli; see
// scripts/build-wasm) lists them: { part: [its file, the chunks' files it needs…] }, read from
// the loader's own lines: `const __chunk_N = makeLoad(… "./chunk_N….wasm" …` and
// `export const __wasm_split_load_<part> = wrapAsyncCb(makeLoad(… "./split_<part>….wasm" …, [__chunk_N, …]))`.
// Used by scripts/csp-boot.mjs (the adapters' files the boot script preloads) and
// scripts/sizes.mjs (what a page downloads).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The loader's file name in `dir`, if there is one. */
export function loaderFile(dir) {
  return readdirSync(dir).find((f) => /^__wasm_split(-[0-9a-f]{16})?\.js$/.test(f));
}

export function splitModules(dir) {
  const name = loaderFile(dir);
  const loader = name ? readFileSync(path.join(dir, name), 'utf8') : '';
  const fetched = String.raw`makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\./([^"]+)"`;
  const chunks = Object.fromEntries(
    [...loader.matchAll(new RegExp(String.raw`const (__chunk_\d+) = ` + fetched, 'g'))].map((m) => [m[1], m[2]]),
  );
  const parts = {};
  const split = new RegExp(
    String.raw`export const __wasm_split_load_(\w+) = wrapAsyncCb\(` + fetched + String.raw`[\s\S]*?\}\s*,\s*\[([^\]]*)\]\)\)`,
    'g',
  );
  for (const m of loader.matchAll(split)) {
    const deps = m[3].split(',').map((d) => d.trim()).filter(Boolean).map((d) => chunks[d]);
    parts[m[1]] = [m[2], ...deps];
  }
  return parts;
}
