/**
 * `npm run bench:playground`: the playground's speed in headless Chromium
 * beside the same run in Node. Eight schools from source to summary
 * (compile, 4 chains × 1000 warm-up + 1000 draws, summary, table and plots
 * drawn: the page's own "source to summary" clock, from Run to the drawn
 * summary) and chain-steps per second at 64 chains. The first run of each
 * warms the JIT and the parser; the figures are medians of the runs after
 * it. Target: source to summary ≤ 150 ms in the page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { compile } from '../../src/compile/compile.js';
import { sampleModel } from '../../src/inference/sample-model.js';
import { parseStanJson } from '../../src/io/stan-json.js';
import type { SummaryJson } from '../../src/io/summary-json.js';
import { buildSite, launchChromium, ROOT, serveSite } from './harness.js';

const REPEATS = Number(process.env.REPEATS ?? 5);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const chainSteps = (s: SummaryJson): number =>
  (s.chains * (s.warmup + s.draws)) / (s.timing.warmup_seconds + s.timing.sampling_seconds);

interface Figures {
  sourceToSummaryMs: number[];
  /** The summary's own compile and warm-up + sampling times (ms), per 4-chain run. */
  compileMs: number[];
  samplingMs: number[];
  steps64: number[];
}
const emptyFigures = (): Figures => ({ sourceToSummaryMs: [], compileMs: [], samplingMs: [], steps64: [] });
function record(f: Figures, ms: number, s: SummaryJson): void {
  f.sourceToSummaryMs.push(ms);
  f.compileMs.push(s.timing.compile_seconds * 1000);
  f.samplingMs.push((s.timing.warmup_seconds + s.timing.sampling_seconds) * 1000);
}

async function pageRun(page: Page, chains: number): Promise<{ ms: number; summary: SummaryJson }> {
  await page.fill('#chains', String(chains));
  await page.click('#run');
  await page.waitForFunction(() => document.querySelector('#status')?.getAttribute('data-state') !== 'running', null, {
    timeout: 120_000,
  });
  if ((await page.getAttribute('#status', 'data-state')) !== 'done')
    throw new Error(`page run failed: ${await page.textContent('#status')}`);
  return page.evaluate(() => {
    const state = (
      window as unknown as { langevinPlayground: { ms: number; runs: Array<{ fit: { summary: SummaryJson } }> } }
    ).langevinPlayground;
    return { ms: state.ms, summary: state.runs[0]!.fit.summary };
  });
}

async function inChromium(): Promise<Figures & { backend: string }> {
  const index = buildSite();
  const site = await serveSite(index);
  const chromium = await launchChromium();
  try {
    const page = await chromium.context.newPage();
    await page.goto(`${site.url}?example=eight-schools`);
    await page.waitForSelector('body[data-ready="true"]');
    const figures = emptyFigures();
    let backend = '';
    for (let r = 0; r <= REPEATS; r++) {
      const run = await pageRun(page, 4);
      if (r > 0) record(figures, run.ms, run.summary);
      backend = run.summary.backend;
    }
    for (let r = 0; r <= Math.min(REPEATS, 3); r++) {
      const run = await pageRun(page, 64);
      if (r > 0) figures.steps64.push(chainSteps(run.summary));
    }
    return { ...figures, backend };
  } finally {
    await chromium.close();
    await site.close();
  }
}

async function inNode(): Promise<Figures & { backend: string }> {
  const base = join(ROOT, 'examples/models/eight_schools_noncentered');
  const source = readFileSync(`${base}.stan`, 'utf8');
  const dataText = readFileSync(`${base}.data.json`, 'utf8');
  const figures = emptyFigures();
  let backend = '';
  const once = async (chains: number): Promise<{ ms: number; summary: SummaryJson }> => {
    const started = performance.now();
    const model = await compile(source, { data: parseStanJson(dataText, 'data.json'), chains, file: 'model.stan' });
    const compileSeconds = (performance.now() - started) / 1000;
    const fit = await sampleModel(model, {
      sampler: 'mala',
      chains,
      warmup: 1000,
      draws: 1000,
      seed: 1,
      compileSeconds,
    });
    model.dispose();
    return { ms: performance.now() - started, summary: fit.summary };
  };
  for (let r = 0; r <= REPEATS; r++) {
    const run = await once(4);
    if (r > 0) record(figures, run.ms, run.summary);
    backend = run.summary.backend;
  }
  for (let r = 0; r <= Math.min(REPEATS, 3); r++) {
    const run = await once(64);
    if (r > 0) figures.steps64.push(chainSteps(run.summary));
  }
  return { ...figures, backend };
}

const browser = await inChromium();
const node = await inNode();
const fmt = (x: number, digits = 0): string => x.toFixed(digits).padStart(10);
console.log(
  `eight schools, mala, 4 × (1000 warm-up + 1000 draws), seed 1; medians of ${REPEATS} runs after one warm-up run`,
);
console.log(`                                        ${'Chromium'.padStart(10)} ${'Node'.padStart(10)}  page/Node`);
const bm = median(browser.sourceToSummaryMs);
const nm = median(node.sourceToSummaryMs);
console.log(`source to summary, ms                   ${fmt(bm)} ${fmt(nm)}  ${(bm / nm).toFixed(2)}`);
const bs = median(browser.steps64);
const ns = median(node.steps64);
const row = (label: string, b: number[], n: number[]): void => {
  const [x, y] = [median(b), median(n)];
  console.log(`${label.padEnd(40)}${fmt(x)} ${fmt(y)}  ${(x / y).toFixed(2)}`);
};
row('  of which compile, ms', browser.compileMs, node.compileMs);
row('  of which warm-up + sampling, ms', browser.samplingMs, node.samplingMs);
console.log(`chain-steps per second, 64 chains       ${fmt(bs)} ${fmt(ns)}  ${(bs / ns).toFixed(2)}`);
console.log(
  `backends: page ${browser.backend}, Node ${node.backend}; page runs: ${browser.sourceToSummaryMs.map((x) => x.toFixed(0)).join(', ')} ms`,
);
console.log(`target: source to summary ≤ 150 ms in the page: ${bm <= 150 ? 'met' : 'NOT met'}`);
