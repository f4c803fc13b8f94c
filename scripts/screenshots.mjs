// npm run screenshots: regenerate docs/images/report.png (the README's
// picture of a report, from a seeded eight-schools run) and
// docs/images/compare.png (the comparison page of nuts, mala and lmc on it),
// after npm run build.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './report-browser.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const MODEL = [
  'examples/models/eight_schools_noncentered.stan',
  '--data',
  'examples/models/eight_schools_noncentered.data.json',
];

function langevin(args) {
  const run = spawnSync(process.execPath, [`${ROOT}bin/langevin.js`, ...args], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`langevin ${args[0]} failed:\n${run.stderr}`);
}

const run = `${ROOT}out/screenshots/eight-schools`;
const cmp = `${ROOT}out/screenshots/eight-schools-compare`;
rmSync(run, { recursive: true, force: true });
rmSync(cmp, { recursive: true, force: true });
langevin(['sample', ...MODEL, '--seed', '1', '--no-progress', '--out', run]);
langevin(['report', run, '--plot-params', 'mu,tau']);
langevin(['compare', ...MODEL, '--samplers', 'nuts,mala,lmc', '--seed', '1', '--no-progress', '--out', cmp]);
langevin(['report', cmp, '--plot-params', 'mu,tau,theta[1],theta[2]']);

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
  mkdirSync(`${ROOT}docs/images`, { recursive: true });
  await page.goto(`file://${run}/report.html`);
  const section = page.locator('section', { has: page.locator('h2', { hasText: 'Diagnostic plots' }) });
  await section.screenshot({ path: `${ROOT}docs/images/report.png` });
  console.log('wrote docs/images/report.png');

  // the comparison page: the efficiency bars and the overlaid densities, in one picture
  await page.goto(`file://${cmp}/report.html`);
  const top = await page.locator('#efficiency').boundingBox();
  const bottom = await page.locator('#overlays').boundingBox();
  if (!top || !bottom) throw new Error('the comparison page lacks its efficiency or overlay section');
  const clip = { x: top.x, y: top.y, width: top.width, height: bottom.y + bottom.height - top.y };
  await page.screenshot({ path: `${ROOT}docs/images/compare.png`, clip, fullPage: true });
  console.log('wrote docs/images/compare.png');
} finally {
  await browser.close();
}
