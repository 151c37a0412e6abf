// Trunk's pre-build hook: PatternFly's CSS with only the rules the app can use. PurgeCSS reads
// the app's sources (src/**/*.rs, web/index.html) for the words in them, and keeps a rule when every
// class, element and attribute of its selector is among them, and a token (custom property) when
// a kept rule uses it; fonts and keyframes stay.
// It writes target/patternfly/patternfly.css, which web/index.html links. Never hand-copied: the
// input is node_modules/@patternfly/patternfly as installed.
import { PurgeCSS } from 'purgecss';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const source = path.join(root, 'node_modules/@patternfly/patternfly/patternfly.min.css');
const out = path.join(root, 'target/patternfly/patternfly.css');

const app = path.join(root, 'style/app.css');
// style/app.css goes in too, though only PatternFly's part is written: the tokens it uses count
// as used, so they are kept.
const [result] = await new PurgeCSS().purge({
  css: [source, { raw: fs.readFileSync(app, 'utf8') }],
  content: [path.join(root, 'src/**/*.rs'), path.join(root, 'web/index.html')],
  // Rust strings hold classes between quotes, next to `class:` and `format!` braces: split on
  // anything that cannot be part of a class name.
  defaultExtractor: (text) => text.match(/[A-Za-z0-9_-]+/g) ?? [],
  // The theme class is set on <html> by the host when embedded, by theme.rs when standalone.
  safelist: { standard: ['pf-v6-theme-dark', 'html', 'body', ':root'] },
  fontFace: false,
  keyframes: false,
  variables: true,
});

// The fonts and icons are found beside the page (dist/assets/, copied by Trunk), as in the original.
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, result.css);
const kib = (b) => (b / 1024).toFixed(1);
const before = fs.readFileSync(source);
console.log(
  `patternfly-css: ${kib(before.length)} KiB (${kib(zlib.gzipSync(before).length)} gzipped) -> ` +
    `${kib(result.css.length)} KiB (${kib(zlib.gzipSync(result.css).length)} gzipped), target/patternfly/patternfly.css`,
);
