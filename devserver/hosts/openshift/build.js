// Bundles the OpenShift console stand-in (shell.js, with React) into dist/_host/openshift/.
const path = require('path');
const webpack = require('webpack');
const root = path.resolve(__dirname, '..', '..', '..');
webpack(
  {
    mode: 'production',
    entry: path.join(__dirname, 'shell.js'),
    output: { path: path.join(root, 'dist', '_host', 'openshift'), filename: 'shell.js' },
    devtool: false,
    resolve: { modules: [path.join(root, 'node_modules')] },
  },
  (err, stats) => {
    if (err || stats.hasErrors()) {
      console.error(err ?? stats.toString({ all: false, errors: true }));
      process.exit(1);
    }
    console.log('==> dist/_host/openshift/shell.js');
  },
);
