/**
 * Eigen and singular value decompositions of plain Float64 matrices
 * (row-major), for the stdlib functions that take values known before
 * sampling: cyclic Jacobi rotations for symmetric matrices (Golub & Van
 * Loan §8.5), which are accurate to a few ulps of the largest eigenvalue,
 * and one-sided Jacobi (Hestenes) for singular values, accurate also for
 * the small ones (no squaring of the condition number as eig(AᵀA) would).
 */

const SWEEPS = 100;

/** Eigenvalues ascending and the matching unit eigenvectors as the columns of an n×n matrix. */
export function symmetricEigen(a: ArrayLike<number>, n: number): { values: Float64Array; vectors: Float64Array } {
  const m = Float64Array.from(a);
  // symmetrise: only the symmetric part has real eigen-decomposition guarantees
  for (let i = 0; i < n; i++)
    for (let j = 0; j < i; j++) m[i * n + j] = m[j * n + i] = 0.5 * (m[i * n + j]! + m[j * n + i]!);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    let off = 0;
    let scale = 0;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        if (i !== j) off += m[i * n + j]! ** 2;
        scale += m[i * n + j]! ** 2;
      }
    if (off <= 1e-32 * scale || off === 0) break;
    for (let p = 0; p < n - 1; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q]!;
        if (apq === 0) continue;
        const theta = (m[q * n + q]! - m[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k * n + p]!;
          const mkq = m[k * n + q]!;
          m[k * n + p] = c * mkp - s * mkq;
          m[k * n + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p * n + k]!;
          const mqk = m[q * n + k]!;
          m[p * n + k] = c * mpk - s * mqk;
          m[q * n + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => m[i * n + i]! - m[j * n + j]!);
  const values = Float64Array.from(order, (i) => m[i * n + i]!);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    // sign convention: the largest-magnitude component of each eigenvector is positive
    let big = 0;
    for (let k = 0; k < n; k++) if (Math.abs(v[k * n + src]!) > Math.abs(big)) big = v[k * n + src]!;
    const sign = big < 0 ? -1 : 1;
    for (let k = 0; k < n; k++) vectors[k * n + dst] = sign * v[k * n + src]!;
  });
  return { values, vectors };
}

/** Singular values, descending (min(r, c) of them), by one-sided Jacobi on the columns. */
export function singularValues(a: ArrayLike<number>, r: number, c: number): Float64Array {
  // work on the orientation with at least as many rows as columns
  const tall = r >= c;
  const rows = tall ? r : c;
  const cols = tall ? c : r;
  const u = new Float64Array(rows * cols);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) u[tall ? i * cols + j : j * cols + i] = a[i * c + j]!;
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    let rotated = false;
    for (let p = 0; p < cols - 1; p++)
      for (let q = p + 1; q < cols; q++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let k = 0; k < rows; k++) {
          const x = u[k * cols + p]!;
          const y = u[k * cols + q]!;
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (gamma === 0 || Math.abs(gamma) <= 1e-16 * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const cs = 1 / Math.sqrt(1 + t * t);
        const sn = cs * t;
        for (let k = 0; k < rows; k++) {
          const x = u[k * cols + p]!;
          const y = u[k * cols + q]!;
          u[k * cols + p] = cs * x - sn * y;
          u[k * cols + q] = sn * x + cs * y;
        }
      }
    if (!rotated) break;
  }
  const values = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    let s = 0;
    for (let k = 0; k < rows; k++) s += u[k * cols + j]! ** 2;
    values[j] = Math.sqrt(s);
  }
  return values.sort().reverse();
}
