/**
 * The playground end to end in headless Debian Chromium (playwright-core):
 * build the one-file site, serve it, run every example to its summary
 * (R-hat cells, non-empty plots), see the checker's diagnostic at the line
 * and column the library reports, stop a long run and get its partial
 * summary, run under a policy that forbids eval (tfjs fallback) and from
 * file://, with no console errors. Screenshots go to test-results/playground/.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LangevinError, check, parse } from '../../src/browser.js';
import {
  buildSite,
  launchChromium,
  requireChromium,
  ROOT,
  serveSite,
  type Site,
} from '../../bench/playground/harness.js';

const SHOTS = join(ROOT, 'test-results/playground');
const RUN_TIMEOUT = 20_000;

let index = '';
let site: Site;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
const consoleErrors: string[] = [];

beforeAll(async () => {
  requireChromium();
  index = buildSite();
  site = await serveSite(index);
  chromium = await launchChromium();
  context = chromium.context;
  mkdirSync(SHOTS, { recursive: true });
}, 90_000);

afterAll(async () => {
  await chromium?.close();
  await site?.close();
  if (index) rmSync(dirname(index), { recursive: true, force: true });
});

async function open(url: string): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(`${url}: ${m.text()}`));
  page.on('pageerror', (e) => consoleErrors.push(`${url}: ${e.message}`));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

/** Press Run and wait for the status to leave 'running'; returns the final state. */
async function runAndWait(page: Page, states = ['done']): Promise<string> {
  await page.click('#run');
  await page.waitForFunction(() => document.querySelector('#status')?.getAttribute('data-state') !== 'running', null, {
    timeout: RUN_TIMEOUT,
  });
  const state = (await page.getAttribute('#status', 'data-state')) ?? '';
  if (!states.includes(state))
    throw new Error(
      `run ended '${state}': ${await page.textContent('#status')}\n${await page.textContent('#diagnostics')}`,
    );
  return state;
}

/** R-hat cells: one per summary row, numbers near 1 (NA only for constant outputs). */
async function rhatCells(page: Page): Promise<number[]> {
  const texts = await page.$$eval('#summary td[data-stat="rhat"]', (cells) => cells.map((c) => c.textContent ?? ''));
  return texts.map(Number);
}

/** Every plot has drawn marks: polylines with points, bars or dots. */
async function plotMarks(page: Page, selector: string): Promise<number[]> {
  return page.$$eval(`${selector} svg`, (svgs) =>
    svgs.map((svg) => svg.querySelectorAll('polyline[points]:not([points=""]), rect, path[d]:not([d=""])').length),
  );
}

/** Where the editor shows its first error: [line, column], 1-based, read from the DOM. */
async function editorErrorAt(page: Page): Promise<[number, number]> {
  // A range mark, or a point widget where the span covers only a line break.
  const marks = '.cm-lintRange-error, .cm-lintPoint-error';
  await page.waitForSelector(`#model-editor :is(${marks})`, { state: 'attached', timeout: 5000 });
  return page.$eval(
    '#model-editor',
    (root, marks) => {
      const mark = root.querySelector(marks)!;
      const lines = [...root.querySelectorAll('.cm-content > .cm-line')];
      const line = mark.closest('.cm-line')!;
      const range = document.createRange();
      range.setStart(line, 0);
      range.setEndBefore(mark);
      return [lines.indexOf(line) + 1, range.toString().length + 1] as [number, number];
    },
    marks,
  );
}

/** The library's own first diagnostic for `source`. */
function libraryErrorAt(source: string): [number, number] {
  try {
    check(parse(source));
  } catch (error) {
    const span = (error as LangevinError).diagnostics[0]!.span!;
    return [span.start.line, span.start.column];
  }
  throw new Error('expected the model to have an error');
}

/** The runnable examples (playground/src/examples.ts) and what each shows; the page must offer exactly these and 'syntax-error'. */
const EXAMPLES = [
  { id: 'eight-schools', mode: 'sample', samplers: ['mala'] },
  { id: 'kidiq', mode: 'sample', samplers: ['mala'] },
  { id: 'double-well', mode: 'sample', samplers: ['lmc-beta'] },
  { id: 'annealed-mixture', mode: 'compare', samplers: ['lmc', 'annealed'] },
];

describe('playground in Chromium', () => {
  // One page for the examples, as a user would: pick, run, read, pick the next.
  it('runs every example to a summary with R-hat cells and drawn plots', async () => {
    const page = await open(site.url);
    const ids = await page.$$eval('#example option', (options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(ids).toEqual([...EXAMPLES.map((e) => e.id), 'syntax-error']);
    for (const example of EXAMPLES) {
      await page.selectOption('#example', example.id);
      await runAndWait(page);
      const rhat = await rhatCells(page);
      expect(rhat.length, example.id).toBeGreaterThan(0);
      const finite = rhat.filter(Number.isFinite);
      expect(finite.length, example.id).toBeGreaterThan(0);
      for (const r of finite) expect(r, example.id).toBeGreaterThan(0.9);
      const marks = await plotMarks(page, '#plots');
      expect(marks.length, example.id).toBeGreaterThan(0);
      for (const m of marks) expect(m, example.id).toBeGreaterThan(0);
      if (example.id === 'double-well')
        expect(await page.textContent('#extras')).toMatch(/basin occupancy: x=-1: 0\.\d+; x=1: 0\.\d+/);
      if (example.id === 'annealed-mixture') {
        // The point of the example: lmc keeps the initial split, annealing moves towards the 0.8 weight.
        const runs = await page.evaluate(() =>
          (
            window as unknown as {
              langevinPlayground: {
                runs: Array<{ sampler: string; fit: { summary: { modes?: Array<{ fraction: number }> } } }>;
              };
            }
          ).langevinPlayground.runs.map((r) => [r.sampler, r.fit.summary.modes?.[1]?.fraction ?? NaN] as const),
        );
        const weight = Object.fromEntries(runs);
        expect(weight.annealed! - weight.lmc!).toBeGreaterThan(0.1);
        expect(Math.abs(weight.annealed! - 0.8)).toBeLessThan(0.1);
      }
      if (example.mode === 'compare') {
        expect(await page.$$eval('#extras tr[data-sampler]', (rows) => rows.length)).toBe(example.samplers.length);
        expect(await page.$$eval('#summary [data-sampler]', (cols) => cols.length)).toBe(example.samplers.length);
      } else {
        expect(await page.$$eval('#downloads a', (links) => links.map((a) => a.textContent))).toContain('chain-1.csv');
      }
      await page.screenshot({ path: join(SHOTS, `${example.id}.png`), fullPage: true });
    }
    await page.close();
  });

  it('shows the syntax error example and a typed error at the line and column the parser reports', async () => {
    const page = await open(`${site.url}?example=syntax-error`);
    const broken = await page.$eval('#model-editor .cm-content', (c) =>
      [...c.querySelectorAll('.cm-line')].map((l) => l.textContent).join('\n'),
    );
    expect(await editorErrorAt(page)).toEqual(libraryErrorAt(broken));
    expect(await runAndWait(page, ['error'])).toBe('error');
    expect(await page.textContent('#diagnostics')).toMatch(/model\.stan:\d+:\d+: error/);

    // Now type an error into a correct model: a stray word at the start of line 3.
    await page.selectOption('#example', 'eight-schools');
    await page.waitForFunction(() => document.querySelector('#check-status')?.getAttribute('data-errors') === '0');
    await page.click('#model-editor .cm-content');
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.type('oops ');
    const typed = await page.$eval('#model-editor .cm-content', (c) =>
      [...c.querySelectorAll('.cm-line')].map((l) => l.textContent).join('\n'),
    );
    const at = await editorErrorAt(page);
    expect(at).toEqual(libraryErrorAt(typed));
    expect(at[0]).toBe(3);
    await page.screenshot({ path: join(SHOTS, 'syntax-error.png') });
    await page.close();
  });

  it('stops a long run and shows the partial summary', async () => {
    const page = await open(`${site.url}?example=double-well`);
    // 20 million steps, every 100th kept: long enough to stop, small enough to hold.
    await page.fill('#draws', '5000000');
    await page.fill('input[data-option="thin"]', '100');
    await page.click('#run');
    await page.waitForSelector('#live-plots svg polyline', { state: 'attached', timeout: RUN_TIMEOUT });
    await page.click('#stop');
    await page.waitForFunction(
      () => document.querySelector('#status')?.getAttribute('data-state') === 'stopped',
      null,
      { timeout: RUN_TIMEOUT },
    );
    expect(await page.textContent('#status')).toContain('Stopped');
    expect(await page.textContent('#extras')).toContain('stopped');
    const rhat = await rhatCells(page);
    expect(rhat.length).toBe(1);
    const runs = await page.evaluate(
      () =>
        (window as unknown as { langevinPlayground: { runs: Array<{ fit: { draws: number; interrupted: boolean } }> } })
          .langevinPlayground.runs,
    );
    expect(runs[0]!.fit.interrupted).toBe(true);
    expect(runs[0]!.fit.draws).toBeGreaterThan(0);
    expect(runs[0]!.fit.draws).toBeLessThan(50_000);
    await page.screenshot({ path: join(SHOTS, 'stopped.png'), fullPage: true });
    await page.close();
  });

  it('falls back to tfjs under a policy that forbids eval', async () => {
    const page = await open(`${site.url}?csp=strict&example=eight-schools`);
    await page.fill('#warmup', '100');
    await page.fill('#draws', '100');
    await runAndWait(page);
    expect(await page.textContent('#status')).toContain('tfjs');
    expect(await page.textContent('#extras')).toContain('on tfjs');
    expect((await rhatCells(page)).length).toBe(18);
    await page.close();
  });

  it('opens from the file system', async () => {
    const page = await open(`${pathToFileURL(index).href}?example=eight-schools`);
    await runAndWait(page);
    expect((await rhatCells(page)).length).toBe(18);
    await page.close();
  });

  it('logged no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
