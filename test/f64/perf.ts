/**
 * Not a test: prints the f64 tape's speed against hand-written loops.
 * Run: npx tsc --ignoreConfig --outDir /tmp/langevin-perf --module nodenext --target es2022 \
 *        --skipLibCheck --types node test/f64/perf.ts && node /tmp/langevin-perf/test/f64/perf.js
 */
import { compileF64 } from '../../src/backends/f64/tape.js';
import { GraphBuilder } from '../../src/ir/graph.js';

function numbers(n: number, seed: number): Float64Array {
  let s = seed >>> 0;
  return Float64Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  });
}

/** Best time per call over rounds (the minimum is robust to other load on the machine). */
function time(label: string, reps: number, run: () => void): number {
  for (let i = 0; i < Math.max(20, reps / 10); i++) run();
  let best = Infinity;
  const per = Math.max(1, Math.floor(reps / 10));
  for (let round = 0; round < 10; round++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < per; i++) run();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e3 / per);
  }
  console.log(`${label.padEnd(48)} ${best.toFixed(1).padStart(9)} µs/call (best of 10 rounds)`);
  return best;
}

/** Median over alternating short rounds of time(hand)/time(tape): both see the same load. */
function ratio(hand: () => void, tape: () => void, per: number): number {
  const ratios: number[] = [];
  for (let round = 0; round < 40; round++) {
    let t0 = process.hrtime.bigint();
    for (let i = 0; i < per; i++) hand();
    const th = Number(process.hrtime.bigint() - t0);
    t0 = process.hrtime.bigint();
    for (let i = 0; i < per; i++) tape();
    ratios.push(th / Number(process.hrtime.bigint() - t0));
  }
  ratios.sort((x, y) => x - y);
  return ratios[ratios.length >> 1];
}

// ---------------------------------------------------------------- 100-d Gaussian, 256 chains
{
  const D = 100,
    C = 256;
  const mu = numbers(D, 1);
  const sigma = numbers(D, 2).map((v) => 1.5 + v);
  const ops = new GraphBuilder();
  const x = ops.param(0, [D]);
  const z = ops.binary('div', ops.binary('sub', x, ops.constant(mu)), ops.constant(sigma));
  let norm = -0.5 * D * Math.log(2 * Math.PI);
  for (const s of sigma) norm -= Math.log(s);
  const lp = ops.binary(
    'add',
    ops.binary('mul', ops.constant(-0.5), ops.reduce('sum', ops.unary('square', z))),
    ops.constant(norm),
  );
  const graph = ops.finish(lp);
  const reuse = compileF64(graph);
  const fresh = compileF64(graph, { freshOutputs: true });
  const xs = numbers(C * D, 3);
  const ld = new Float64Array(C);
  const grad = new Float64Array(C * D);
  const invS = sigma.map((s) => 1 / s);
  const hand = () => {
    for (let c = 0; c < C; c++) {
      let acc = 0;
      const o = c * D;
      for (let i = 0; i < D; i++) {
        const zi = (xs[o + i] - mu[i]) * invS[i];
        acc += zi * zi;
        grad[o + i] = -zi * invS[i];
      }
      ld[c] = norm - 0.5 * acc;
    }
  };
  console.log(`100-d Gaussian, ${C} chains (graph of ${graph.nodes.length} nodes)`);
  const th = time('hand-written loop', 2000, hand);
  const tr = time('tape logDensityAndGradient (reused outputs)', 2000, () => reuse.logDensityAndGradient(xs, C));
  const tf = time('tape logDensityAndGradient (fresh outputs)', 2000, () => fresh.logDensityAndGradient(xs, C));
  time('tape logDensity only', 2000, () => reuse.logDensity(xs, C));
  const check = reuse.logDensityAndGradient(xs, C);
  hand();
  let err = 0;
  for (let i = 0; i < C * D; i++) err = Math.max(err, Math.abs(check.gradient[i] - grad[i]));
  console.log(
    `speed ratio hand/tape: ${(th / tr).toFixed(2)} (reuse), ${(th / tf).toFixed(2)} (fresh); max |Δgrad| ${err.toExponential(1)}`,
  );
  const r = ratio(hand, () => reuse.logDensityAndGradient(xs, C), 50);
  console.log(`median ratio hand/tape over 40 alternating rounds: ${r.toFixed(2)}`);
}

// ---------------------------------------------------------------- logistic regression, 1000 × 20, 256 chains
{
  const N = 1000,
    K = 20,
    C = 256;
  const X = numbers(N * K, 4);
  const y = numbers(N, 5).map((v) => (v > 0 ? 1 : 0));
  const ops = new GraphBuilder();
  const beta = ops.param(0, [K]);
  const eta = ops.matmul(ops.constant(X, [N, K]), beta);
  // Σ y·log_inv_logit(η) + (1 − y)·log1m_inv_logit(η), prior normal(0, 1)
  const lik = ops.reduce(
    'sum',
    ops.binary(
      'add',
      ops.binary('mul', ops.constant(y), ops.unary('log_inv_logit', eta)),
      ops.binary('mul', ops.constant(y.map((v) => 1 - v)), ops.unary('log1m_inv_logit', eta)),
    ),
  );
  const prior = ops.binary('mul', ops.constant(-0.5), ops.reduce('sum', ops.unary('square', beta)));
  const graph = ops.finish(ops.binary('add', lik, prior));
  const ev = compileF64(graph);
  const xs = numbers(C * K, 6).map((v) => 0.3 * v);
  const grad = new Float64Array(C * K);
  const ld = new Float64Array(C);
  const hand = () => {
    for (let c = 0; c < C; c++) {
      const o = c * K;
      let acc = 0;
      for (let j = 0; j < K; j++) grad[o + j] = -xs[o + j];
      for (let j = 0; j < K; j++) acc -= 0.5 * xs[o + j] * xs[o + j];
      for (let n = 0; n < N; n++) {
        let e = 0;
        const row = n * K;
        for (let j = 0; j < K; j++) e += X[row + j] * xs[o + j];
        const p = 1 / (1 + Math.exp(-e));
        acc += y[n] ? -Math.log1p(Math.exp(-e)) : -Math.log1p(Math.exp(e));
        const r = y[n] - p;
        for (let j = 0; j < K; j++) grad[o + j] += r * X[row + j];
      }
      ld[c] = acc;
    }
  };
  console.log(`\nlogistic regression ${N}×${K}, ${C} chains (graph of ${graph.nodes.length} nodes)`);
  const th = time('hand-written loop', 50, hand);
  const tt = time('tape logDensityAndGradient', 50, () => ev.logDensityAndGradient(xs, C));
  const check = ev.logDensityAndGradient(xs, C);
  hand();
  let err = 0;
  for (let i = 0; i < C * K; i++)
    err = Math.max(err, Math.abs(check.gradient[i] - grad[i]) / Math.max(1, Math.abs(grad[i])));
  console.log(`speed ratio hand/tape: ${(th / tt).toFixed(2)}; max rel |Δgrad| ${err.toExponential(1)}`);
  const r = ratio(hand, () => ev.logDensityAndGradient(xs, C), 2);
  console.log(`median ratio hand/tape over 40 alternating rounds: ${r.toFixed(2)}`);
}
