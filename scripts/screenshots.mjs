// npm run screenshots: regenerate docs/images/report.png, the README's
// picture of a report, from a seeded eight-schools run (after npm run build).
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './report-browser.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const run = `${ROOT}out/screenshots/eight-schools`;
rmSync(run, { recursive: true, force: true });
const sample = spawnSync(
  process.execPath,
  [
    `${ROOT}bin/langevin.js`,
    'sample',
    'examples/models/eight_schools_noncentered.stan',
    '--data',
    'examples/models/eight_schools_noncentered.data.json',
    '--seed',
    '1',
    '--no-progress',
    '--out',
    run,
  ],
  { cwd: ROOT, encoding: 'utf8' },
);
if (sample.status !== 0) throw new Error(`langevin sample failed:\n${sample.stderr}`);
const report = spawnSync(process.execPath, [`${ROOT}bin/langevin.js`, 'report', run, '--plot-params', 'mu,tau'], {
  cwd: ROOT,
  encoding: 'utf8',
});
if (report.status !== 0) throw new Error(`langevin report failed:\n${report.stderr}`);

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 1150, height: 900 } });
  await page.goto(`file://${run}/report.html`);
  mkdirSync(`${ROOT}docs/images`, { recursive: true });
  const section = page.locator('section', { has: page.locator('h2', { hasText: 'Diagnostic plots' }) });
  await section.screenshot({ path: `${ROOT}docs/images/report.png` });
  console.log('wrote docs/images/report.png');
} finally {
  await browser.close();
}
