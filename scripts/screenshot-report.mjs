#!/usr/bin/env node
/**
 * Screenshots a run's report.html in headless Debian chromium (no downloaded browser, no network).
 *
 *   node scripts/screenshot-report.mjs [REPORT_HTML] [OUT_PNG] [--full]
 *
 * Defaults: runs/legal-zh-flagship/report.html → docs/images/report.png, a 1280×900 view of the top of the page.
 * Make the report first: `node packages/cli/dist/bin.js run pipelines/legal-zh-flagship.yaml`.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);
const fullPage = args.includes('--full');
const [reportArg, outArg] = args.filter((a) => !a.startsWith('--'));
const report = resolve(reportArg ?? `${root}runs/legal-zh-flagship/report.html`);
const out = resolve(outArg ?? `${root}docs/images/report.png`);

if (!existsSync(report)) {
  console.error(`screenshot-report: ${report} does not exist; run the flagship pipeline first`);
  process.exit(2);
}
const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
if (!executablePath) {
  console.error('screenshot-report: chromium is not installed (apt-get install chromium)');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  page.on('console', (message) => console.error(`console ${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(pathToFileURL(report).href);
  await page.locator('[data-testid=item-row]').first().waitFor();
  await mkdir(dirname(out), { recursive: true });
  await page.screenshot({ path: out, fullPage });
  console.log(out);
} finally {
  await browser.close();
}
