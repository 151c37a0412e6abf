// Builds the plugin into dist/ with the console's own webpack plugin (ConsoleRemotePlugin):
// plugin-manifest.json, plugin-entry.js and the exposed module's chunk; then copies the tab's
// module and stylesheet (../../dist/embed/, from scripts/build-embed) beside them, with the glue
// and wasm built with KubeVirt's adapter alone (../../dist/embed-kubevirt/).
// Run from anywhere: `node plugins/openshift-console/build.js`.
const fs = require('fs');
const path = require('path');
const webpack = require('webpack');
const { ConsoleRemotePlugin } = require('@openshift-console/dynamic-plugin-sdk-webpack');

process.chdir(__dirname); // ConsoleRemotePlugin reads ./package.json and ./console-extensions.json
const out = path.resolve(__dirname, 'dist');
const embed = path.resolve(__dirname, '..', '..', 'dist', 'embed');
const core = path.resolve(__dirname, '..', '..', 'dist', 'embed-kubevirt');

const config = {
  mode: 'production',
  context: path.resolve(__dirname, 'src'),
  entry: {},
  output: { path: out, filename: '[name]-bundle-[contenthash].min.js', chunkFilename: '[name]-chunk-[chunkhash].min.js', clean: true },
  resolve: { extensions: ['.js'] },
  devtool: false,
  plugins: [new ConsoleRemotePlugin()],
};

webpack(config, (err, stats) => {
  if (err || stats.hasErrors()) {
    console.error(err ?? stats.toString({ colors: false, all: false, errors: true, warnings: true }));
    process.exit(1);
  }
  for (const f of ['vm-snapshots-tab.js', 'vm-snapshots-tab.css']) {
    fs.copyFileSync(path.join(embed, f), path.join(out, f));
  }
  // The glue, the wasm, and the loader and modules it fetches on demand, all found beside the glue.
  for (const f of fs.readdirSync(core)) {
    fs.copyFileSync(path.join(core, f), path.join(out, f));
  }
  console.log(`==> plugins/openshift-console/dist/: ${fs.readdirSync(out).join(' ')}`);
});
