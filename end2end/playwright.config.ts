import { defineConfig } from '@playwright/test';
import path from 'node:path';

// The stories run against a release build in dist/, served by the development backend, in
// Debian's Chromium (never a downloaded browser). The browser talks to the conformance proxy
// (../shared/conformance) on E2E_PORT, which holds every body to the oVirt SDK's model and
// KubeVirt's OpenAPI and passes it on to the development backend on the next port. Its findings
// go to end2end/results/conformance.jsonl, read by end2end/conformance.mjs after the run.
const port = Number(process.env.E2E_PORT ?? 18181);
const upstream = port + 1;
const root = path.resolve(__dirname, '..');
const conformance = process.env.CONFORMANCE_DIR ?? path.resolve(root, '..', 'shared', 'conformance');
const results = path.join(__dirname, 'results');
const findings = path.join(results, 'conformance.jsonl');

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // Stories that change state reset the development backend first: one at a time.
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: path.join(__dirname, 'results', 'report.json') }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    timezoneId: 'UTC',
    locale: 'en-US',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // No `--disable-features`: Chromium keeps the last one it is given, so one here would
        // replace the whole list Playwright passes (round 37).
      ],
    },
  },
  webServer: [
    {
      // From the seed every run, with its state beside the results; snapshots take 4 seconds, restores and clones 2.
      command: [
        path.join(root, 'target', 'debug', 'devserver'),
        `--dist ${path.join(root, 'dist')}`,
        `--state ${path.join(results, 'devserver-state.json')}`,
        '--reset',
        '--snapshot-seconds 4 --restore-seconds 2 --clone-seconds 2',
      ].join(' '),
      cwd: root,
      env: { PORT: String(upstream) },
      url: `http://127.0.0.1:${upstream}/config.json`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'pipe',
    },
    {
      // A new proxy, and so a new findings file, every run.
      command: [
        `mkdir -p ${results} && rm -f ${findings} && exec`,
        path.join(root, '.venv', 'bin', 'python'),
        path.join(conformance, 'api_proxy.py'),
        String(port),
        `http://127.0.0.1:${upstream}`,
        path.join(conformance, 'kubevirt-openapi.json'),
        findings,
      ].join(' '),
      cwd: root,
      url: `http://127.0.0.1:${port}/config.json`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'pipe',
      // Its tracebacks are broken pipes from pages that moved on; the findings are in the file.
      stderr: 'ignore',
    },
  ],
});
