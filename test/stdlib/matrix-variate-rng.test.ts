/**
 * Draws of wishart, inv_wishart and multi_normal_prec against their
 * closed-form means (and the precision's implied covariance), within 5
 * Monte Carlo standard errors estimated from the draws. Fixed seeds.
 */
import { describe, expect, it } from 'vitest';
import { findDistribution } from '../../stdlib/index.js';
import { seededRng } from './helpers.js';

const N = 8000;
const S = Float64Array.of(2, 0.3, 0.3, 1);

function meanAndError(draws: Float64Array[]): { mean: number[]; se: number[] } {
  const k = draws[0]!.length;
  const mean = Array.from({ length: k }, (_, j) => draws.reduce((s, d) => s + d[j]!, 0) / draws.length);
  const se = mean.map((m, j) =>
    Math.sqrt(draws.reduce((s, d) => s + (d[j]! - m) ** 2, 0) / (draws.length - 1) / draws.length),
  );
  return { mean, se };
}

function draw(name: string, params: Array<number | Float64Array>, shapes: number[][], seed: string): Float64Array[] {
  const entry = findDistribution(name)!;
  const rng = seededRng(seed);
  return Array.from({ length: N }, () => entry.rng!(rng, params, shapes) as Float64Array);
}

describe('matrix-variate rng', () => {
  it('wishart has mean nu·Sigma', () => {
    const nu = 5;
    const { mean, se } = meanAndError(draw('wishart', [nu, S], [[], [2, 2]], 'wishart'));
    mean.forEach((m, j) => expect(Math.abs(m - nu * S[j]!), `entry ${j}`).toBeLessThan(5 * se[j]!));
  });

  it('inv_wishart has mean Sigma / (nu − k − 1)', () => {
    const nu = 8;
    const { mean, se } = meanAndError(draw('inv_wishart', [nu, S], [[], [2, 2]], 'inv-wishart'));
    mean.forEach((m, j) => expect(Math.abs(m - S[j]! / (nu - 3)), `entry ${j}`).toBeLessThan(5 * se[j]!));
  });

  // L_S = chol(S) for S = [[2, 0.3], [0.3, 1]]
  const LS = Float64Array.of(Math.sqrt(2), 0, 0.3 / Math.sqrt(2), Math.sqrt(1 - 0.045));
  const outer = (l: Float64Array) => Float64Array.of(l[0]! ** 2, l[0]! * l[2]!, l[2]! * l[0]!, l[2]! ** 2 + l[3]! ** 2);

  it('wishart_cholesky draws lower factors whose products have mean nu·Sigma', () => {
    const nu = 5;
    const draws = draw('wishart_cholesky', [nu, LS], [[], [2, 2]], 'wishart-cholesky');
    for (const l of draws) expect(l[1]).toBe(0);
    const { mean, se } = meanAndError(draws.map(outer));
    mean.forEach((m, j) => expect(Math.abs(m - nu * S[j]!), `entry ${j}`).toBeLessThan(5 * se[j]!));
  });

  it('inv_wishart_cholesky draws lower factors whose products have mean Sigma / (nu − k − 1)', () => {
    const nu = 8;
    const draws = draw('inv_wishart_cholesky', [nu, LS], [[], [2, 2]], 'inv-wishart-cholesky');
    for (const l of draws) expect(l[1]).toBe(0);
    const { mean, se } = meanAndError(draws.map(outer));
    mean.forEach((m, j) => expect(Math.abs(m - S[j]! / (nu - 3)), `entry ${j}`).toBeLessThan(5 * se[j]!));
  });

  it('multi_student_t_cholesky has mean mu and covariance nu/(nu − 2)·L·Lᵀ', () => {
    const nu = 6;
    const mu = Float64Array.of(1, -2);
    const draws = draw('multi_student_t_cholesky', [nu, mu, LS], [[], [2], [2, 2]], 'mst-cholesky');
    const { mean, se } = meanAndError(draws);
    mean.forEach((m, j) => expect(Math.abs(m - mu[j]!)).toBeLessThan(5 * se[j]!));
    const cov = meanAndError(draws.map((d) => Float64Array.of((d[0]! - 1) ** 2, (d[1]! + 2) ** 2)));
    const want = [(nu / (nu - 2)) * S[0]!, (nu / (nu - 2)) * S[3]!];
    cov.mean.forEach((c, j) => expect(Math.abs(c - want[j]!), `var ${j}`).toBeLessThan(5 * cov.se[j]!));
  });

  it('multi_normal_prec has mean mu and covariance Omega⁻¹', () => {
    const mu = Float64Array.of(1, -2);
    const omega = Float64Array.of(2, 0.5, 0.5, 1); // inverse: [[1, -0.5], [-0.5, 2]] / 1.75
    const draws = draw('multi_normal_prec', [mu, omega], [[2], [2, 2]], 'mnp');
    const { mean, se } = meanAndError(draws);
    mean.forEach((m, j) => expect(Math.abs(m - mu[j]!)).toBeLessThan(5 * se[j]!));
    const products = draws.map((d) => Float64Array.of((d[0]! - 1) ** 2, (d[0]! - 1) * (d[1]! + 2), (d[1]! + 2) ** 2));
    const cov = meanAndError(products);
    const want = [1 / 1.75, -0.5 / 1.75, 2 / 1.75];
    cov.mean.forEach((c, j) => expect(Math.abs(c - want[j]!), `cov ${j}`).toBeLessThan(5 * cov.se[j]!));
  });
});
