import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// scripts/screenshots: the stories' servers and browser, but only the picture-taking "story"
// in end2end/screenshots/, which writes target/screenshots/*.png.
export default defineConfig({
  ...base,
  testDir: './screenshots',
  outputDir: './test-results-screenshots',
  timeout: 60_000,
  reporter: [['list']],
  use: { ...base.use, viewport: { width: 1366, height: 768 }, trace: 'off', screenshot: 'off' },
});
