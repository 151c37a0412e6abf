// Trunk post_build hook: moves Trunk's inline bootstrap <script type="module"> out of index.html
// into a file of its own (boot-<hash>.js), so that the page runs under a Content-Security-Policy
// with script-src 'self' (no 'unsafe-inline'); and names the read-ahead script (copied as it is by
// Trunk) by its content's hash too, so that no cache keeps an old one after an upgrade.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
const publicUrl = process.env.TRUNK_PUBLIC_URL ?? '/';
const html = path.join(dir, 'index.html');
const page = readFileSync(html, 'utf8');
const inline = /<script type="module">([\s\S]*?)<\/script>/;
const found = page.match(inline);
if (!found) {
  console.error('csp-boot: no inline module script in index.html');
  process.exit(1);
}
const code = found[1].trim() + '\n';
const name = `boot-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
writeFileSync(path.join(dir, name), code);
let out = page.replace(inline, `<script type="module" src="${publicUrl}${name}"></script>`);

const readAhead = '<script src="read-ahead.js"></script>';
if (!out.includes(readAhead)) {
  console.error('csp-boot: no read-ahead script in index.html');
  process.exit(1);
}
const ahead = readFileSync(path.join(dir, 'read-ahead.js'));
const aheadName = `read-ahead-${createHash('sha256').update(ahead).digest('hex').slice(0, 16)}.js`;
renameSync(path.join(dir, 'read-ahead.js'), path.join(dir, aheadName));
out = out.replace(readAhead, `<script src="${publicUrl}${aheadName}"></script>`);
writeFileSync(html, out);
