/** A model without parameters runs generated quantities only (Stan's fixed_param). */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

describe('fixed_param', () => {
  it('simulates generated quantities: y ~ N(2, 1) has mean 2 and sd 1 within Monte Carlo error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'langevin-fixed-'));
    const model = join(dir, 'sim.stan');
    writeFileSync(model, 'transformed data { real mu = 2; }\ngenerated quantities { real y = normal_rng(mu, 1); }\n');
    const r = await runCli([
      'sample',
      model,
      '--draws',
      '4000',
      '--chains',
      '2',
      '--seed',
      '5',
      '--json',
      '--no-progress',
      '--out',
      join(dir, 'out'),
    ]);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.sampler).toBe('fixed_param');
    expect(summary.warnings).toEqual([]);
    const y = summary.parameters.find((p: { name: string }) => p.name === 'y');
    // independent draws: MCSE of the mean 1/√8000 ≈ 0.011, of the sd ≈ 0.008
    expect(Math.abs(y.mean - 2)).toBeLessThan(0.05);
    expect(Math.abs(y.sd - 1)).toBeLessThan(0.04);
    const csv = readFileSync(join(dir, 'out', 'chain-1.csv'), 'utf8');
    expect(csv).toContain('# algorithm = fixed_param');
    expect(csv).not.toContain('Adaptation terminated');
    expect(csv.split('\n').filter((l) => l !== '' && !l.startsWith('#'))).toHaveLength(4001);
  });
});
