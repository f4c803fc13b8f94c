/** The bench's printed tables. */
import type { StepBreakdown } from './breakdown.js';
import type { EssResult } from './ess.js';
import type { ThroughputCase } from './throughput.js';

function pad(text: string, width: number, left = false): string {
  return left ? text.padEnd(width) : text.padStart(width);
}

function si(value: number): string {
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)}M`;
  if (value >= 1e3) return `${(value / 1e3).toFixed(1)}k`;
  return value.toFixed(0);
}

export function throughputTable(cases: ThroughputCase[]): string {
  const head = ['model', 'chains', 'sampler', 'backend', 'grads/s', 'baseline/s', 'ratio', 'accept'];
  const widths = [6, 7, 8, 8, 10, 11, 7, 7];
  const lines = [head.map((h, i) => pad(h, widths[i], i < 4)).join(' ')];
  for (const c of cases) {
    const cells = [
      c.model,
      String(c.chains),
      c.sampler,
      c.backend,
      si(c.grad_evals_per_second),
      si(c.baseline_grad_evals_per_second),
      c.ratio.toFixed(2),
      c.acceptance.toFixed(2),
    ];
    lines.push(cells.map((t, i) => pad(t, widths[i], i < 4)).join(' '));
  }
  return lines.join('\n');
}

export function essTable(results: Record<string, EssResult>): string {
  const lines = ['model backend  min ESS  compile s  warm-up s  sampling s  ESS/s sampling  ESS/s end-to-end'];
  for (const [name, r] of Object.entries(results)) {
    lines.push(
      `${pad(name, 5, true)} ${pad(r.backend, 7, true)} ${pad(r.min_ess_bulk.toFixed(0), 8)} ${pad(r.compile_seconds.toFixed(3), 10)} ` +
        `${pad(r.warmup_seconds.toFixed(3), 10)} ${pad(r.sampling_seconds.toFixed(3), 11)} ${pad(si(r.ess_bulk_per_second_sampling), 15)} ` +
        `${pad(si(r.ess_bulk_per_second_end_to_end), 17)}`,
    );
  }
  return lines.join('\n');
}

export function breakdownTable(rows: StepBreakdown[]): string {
  const lines = ['model chains   normals  ns/normal  proposal  kernel rest  grad f64  grad tfjs  grad hand'];
  for (const r of rows) {
    const g = r.gradient_us;
    lines.push(
      `${pad(r.model, 5, true)} ${pad(String(r.chains), 6)} ${pad(r.noise_us.toFixed(1), 9)} ${pad(r.noise_ns_per_normal.toFixed(1), 10)} ` +
        `${pad(r.proposal_us.toFixed(1), 9)} ${pad(r.kernel_rest_us.toFixed(1), 12)} ${pad(g.f64.toFixed(1), 9)} ` +
        `${pad(g.tfjs.toFixed(1), 10)} ${pad(g.baseline.toFixed(1), 10)}`,
    );
  }
  return lines.join('\n');
}
