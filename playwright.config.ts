// Browser tests run against the built deck, served by `deck serve` (src/node/serve.ts), in headless Chromium found by src/node/browser.ts.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './src/node/browser.js';

// A port of its own, so a preview server left running cannot stand in for the freshly built deck.
const PORT = Number(process.env.DECK_TEST_PORT ?? 4317);

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    viewport: { width: 1280, height: 720 },
    launchOptions: { executablePath: findChromium().path, args: CHROMIUM_ARGS },
    trace: 'off',
  },
  webServer: {
    command: `npm run build && node bin/deck.mjs serve --port ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
  },
});
