/**
 * gaussian_dlm_obs(y | F, G, V, W, m0, C0): the log likelihood of a
 * Gaussian dynamic linear model, y_t ~ N(F'θ_t, V), θ_t ~ N(G θ_{t−1}, W),
 * θ_0 ~ N(m0, C0), with y the r×T matrix of observations (one column per
 * time), by the Kalman filter (MATH: West & Harrison 1997, §4.3):
 *   a = G m, R = G C G' + W, f = F'a, Q = F'R F + V, e = y_t − f,
 *   log p(y_t | y_1..t−1) = −½(r log 2π + log|Q| + e'Q⁻¹e),
 *   m = a + R F Q⁻¹ e, C = R − R F Q⁻¹ F'R.
 * With Q = L L' and K = L⁻¹F'R the update is m = a + K'L⁻¹e, C = R − K'K,
 * all from IR primitives (matmul, Cholesky, triangular solve), so the
 * gradient comes from both backends. V is the r×r observation covariance
 * (Stan's vector-V overload is not supported).
 */
import { LangevinError } from '../../src/errors.js';
import type { Ops, Val } from '../../src/ir/ops.js';
import type { DistributionEntry } from '../types.js';
import { Build, LOG_2PI, diagonalOf } from '../build.js';
import { extraReferenceCases } from './reference-cases-extra.js';

function dims(name: string, what: string, m: Val, rows: number, cols: number): void {
  if (m.shape.length !== 2 || m.shape[0] !== rows || m.shape[1] !== cols) {
    throw new LangevinError(`${name}: ${what} must be ${rows}x${cols}, got shape [${m.shape.join(', ')}]`);
  }
}

function column(ops: Ops, y: Val, t: number): Val {
  const [r, T] = y.shape as [number, number];
  return ops.gather(
    y,
    Int32Array.from({ length: r }, (_, i) => i * T + t),
    [r],
  );
}

export const gaussianDlmObs: DistributionEntry = {
  name: 'gaussian_dlm_obs',
  discrete: false,
  variate: 'matrix',
  support: 'real',
  params: [
    { name: 'F', type: 'matrix', constraint: 'real' },
    { name: 'G', type: 'matrix', constraint: 'real' },
    { name: 'V', type: 'matrix', constraint: 'cov' },
    { name: 'W', type: 'matrix', constraint: 'cov' },
    { name: 'm0', type: 'vector', constraint: 'real' },
    { name: 'C0', type: 'matrix', constraint: 'cov' },
  ],
  logDensity(ops, y, [F, G, V, W, m0, C0]) {
    const name = 'gaussian_dlm_obs';
    const b = new Build(ops);
    if (y.shape.length !== 2) throw new LangevinError(`${name}: y must be a matrix (one column per time)`);
    const [r, T] = y.shape as [number, number];
    if (F!.shape.length !== 2) throw new LangevinError(`${name}: F must be a matrix`);
    const n = F!.shape[0]!;
    dims(name, 'F', F!, n, r);
    dims(name, 'G', G!, n, n);
    dims(name, 'V', V!, r, r);
    dims(name, 'W', W!, n, n);
    dims(name, 'C0', C0!, n, n);
    if (m0!.shape.length !== 1 || m0!.shape[0] !== n)
      throw new LangevinError(`${name}: m0 must be a vector of size ${n}`);
    const Ft = ops.transpose(F!);
    const Gt = ops.transpose(G!);
    let m = m0!;
    let C = C0!;
    const terms: Val[] = [];
    for (let t = 0; t < T; t++) {
      const a = ops.matmul(G!, m);
      const R = b.add(ops.matmul(ops.matmul(G!, C), Gt), W!);
      const FtR = ops.matmul(Ft, R);
      const Q = b.add(ops.matmul(FtR, F!), V!);
      const L = ops.cholesky(Q);
      const e = b.sub(column(ops, y, t), ops.matmul(Ft, a));
      const z = ops.triangularSolveLower(L, e);
      terms.push(b.sum(b.log(diagonalOf(ops, L))), b.mul(0.5, b.sum(b.square(z))));
      const K = ops.triangularSolveLower(L, FtR);
      const Kt = ops.transpose(K);
      m = b.add(a, ops.matmul(Kt, z));
      C = b.sub(R, ops.matmul(Kt, K));
    }
    return b.sub(-0.5 * r * T * LOG_2PI, b.plus(...terms));
  },
  cases: extraReferenceCases.gaussian_dlm_obs ?? [],
  doc: 'Gaussian dynamic linear model: y (r×T, one column per time) with y_t ~ N(F′θ_t, V), θ_t ~ N(Gθ_{t−1}, W), θ_0 ~ N(m0, C0); Kalman filter. No _rng (as Stan).',
};
