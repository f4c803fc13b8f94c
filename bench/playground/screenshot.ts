/**
 * `npm run screenshots:playground`: regenerate docs/img/playground.png, the
 * README's picture of the playground (eight schools sampled, summary and
 * plots), in headless Chromium at a fixed size.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite, launchChromium, ROOT, serveSite } from './harness.js';

const out = join(ROOT, 'docs/img/playground.png');
const index = buildSite();
const site = await serveSite(index);
const chromium = await launchChromium();
try {
  const page = await chromium.context.newPage();
  await page.setViewportSize({ width: 1280, height: 1500 });
  await page.goto(`${site.url}?example=eight-schools`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.click('#run');
  await page.waitForFunction(() => document.querySelector('#status')?.getAttribute('data-state') === 'done', null, {
    timeout: 120_000,
  });
  mkdirSync(join(ROOT, 'docs/img'), { recursive: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: out, fullPage: true });
  console.log(`wrote ${out}`);
} finally {
  await chromium.close();
  await site.close();
}
