// Open a report.html in Debian's Chromium (playwright-core, no download):
// list the plots it holds, the console errors, and save a screenshot.
// Used by test/report/browser.test.ts and `npm run screenshots`.
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** { plots: [{ kind, param, width, height, marks }], errors: [...] } after saving `screenshot`. */
export async function inspectReport(file, screenshot, { fullPage = true, width = 1200, height = 900 } = {}) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  try {
    const page = await browser.newPage({ viewport: { width, height } });
    const errors = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
    await page.goto(`file://${file}`);
    const plots = await page.$$eval('figure.vplot', (figures) =>
      figures.map((f) => {
        const svg = f.querySelector('svg');
        const box = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
        return {
          kind: f.dataset.plot,
          param: f.dataset.param,
          width: box.width,
          height: box.height,
          marks: svg ? svg.querySelectorAll('path, line, circle, rect').length : 0,
        };
      }),
    );
    if (screenshot) await page.screenshot({ path: screenshot, fullPage });
    return { plots, errors };
  } finally {
    await browser.close();
  }
}
