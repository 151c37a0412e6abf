// Trunk post_build hook: the app's wasm, and the page's scripts as files of their own, so that
// the page runs under a Content-Security-Policy with script-src 'self' (no 'unsafe-inline').
// - The wasm is built by scripts/build-wasm (cargo, wasm-split-cli, wasm-bindgen, wasm-opt):
//   Trunk 0.21 cannot split a wasm, so index.html has no `rel="rust"` link. Every file is named
//   by a hash of the linked wasm, as Trunk's `filehash` would: vm-snapshots-<hash>.js and
//   _bg.wasm, __wasm_split-<hash>.js (the loader of the modules fetched on demand) and
//   split_<part>-<hash>.wasm.
// - boot-<hash>.js starts it (what Trunk's inline bootstrap did), asked for with the glue and the
//   wasm at once (modulepreload, preload).
// - The read-ahead script (copied as it is by Trunk) is named by its content's hash too, so that
//   no cache keeps an old one after an upgrade.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loaderFile, splitModules } from './split-modules.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
const publicUrl = process.env.TRUNK_PUBLIC_URL ?? '/';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const hashOf = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

execFileSync(path.join(root, 'scripts', 'build-wasm'), [dir, 'vm-snapshots', 'vm-snapshots', '--hash'], {
  stdio: 'inherit',
});
const glues = readdirSync(dir).filter((f) => /^vm-snapshots-[0-9a-f]{16}\.js$/.test(f));
if (glues.length !== 1) {
  console.error(`csp-boot: not one glue file in ${dir}: ${glues.join(', ')}`);
  process.exit(1);
}
const name = glues[0].slice(0, -'.js'.length);

const html = path.join(dir, 'index.html');
const page = readFileSync(html, 'utf8');
// If the app cannot start (its wasm did not download, the browser cannot compile it, or it failed
// as it started), the read-ahead script says so on the page (`vmSnapshotsNotStarted`); it also
// sees this module fail to load when the glue does not download. The glue stays a static import:
// imported dynamically, the small KubeVirt VM's first table came 33 and 23 ms later (interleaved,
// medians of 11 and 13).
const boot = `import init, * as bindings from '${publicUrl}${name}.js';
try {
  const wasm = await init({ module_or_path: '${publicUrl}${name}_bg.wasm' });
  window.wasmBindings = bindings;
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
} catch (error) {
  console.error(error);
  window.vmSnapshotsNotStarted?.(error);
}
`;
const bootName = `boot-${hashOf(boot)}.js`;
writeFileSync(path.join(dir, bootName), boot);
if (!page.includes('</head>')) {
  console.error('csp-boot: no </head> in index.html');
  process.exit(1);
}
// The glue imports the split modules' loader: asked for with it, not once the glue is parsed.
const loader = loaderFile(dir);
const loaderPreload = loader
  ? `\n    <link rel="modulepreload" href="${publicUrl}${loader}" crossorigin="anonymous">`
  : '';
let out = page.replace(
  '</head>',
  `<script type="module" src="${publicUrl}${bootName}"></script>
    <link rel="modulepreload" href="${publicUrl}${name}.js" crossorigin="anonymous">${loaderPreload}
    <link rel="preload" href="${publicUrl}${name}_bg.wasm" crossorigin="anonymous" as="fetch" type="application/wasm">
  </head>`,
);

// Each backend's adapter is a module of its own (src/api/mod.rs, connect), with the chunks it
// shares: the read-ahead script, once it knows the backend, asks for them at once, while the main
// wasm downloads, rather than when the app first needs the adapter.
const parts = splitModules(dir);
const adapters = {};
for (const backend of ['ovirt', 'kubevirt']) {
  if (parts[backend]) adapters[backend] = parts[backend].map((f) => publicUrl + f).join(' ');
}
const modules = Object.entries(adapters)
  .map(([backend, files]) => ` data-${backend}="${files}"`)
  .join('');

const readAhead = '<script src="read-ahead.js"></script>';
if (!out.includes(readAhead)) {
  console.error('csp-boot: no read-ahead script in index.html');
  process.exit(1);
}
const ahead = readFileSync(path.join(dir, 'read-ahead.js'));
const aheadName = `read-ahead-${hashOf(ahead)}.js`;
renameSync(path.join(dir, 'read-ahead.js'), path.join(dir, aheadName));
out = out.replace(readAhead, `<script src="${publicUrl}${aheadName}"${modules}></script>`);
writeFileSync(html, out);
