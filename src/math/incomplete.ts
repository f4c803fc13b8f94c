/**
 * Regularised incomplete gamma P(a, x), Q(a, x) and beta I_x(a, b) in
 * Float64, with their derivatives with respect to every argument. Used by
 * the f64 kernels (binary gamma_p/gamma_q, ternary inc_beta), constant
 * folding, the tfjs backend (on the host) and the stdlib's log CDFs.
 *
 * Values: the series of P for x < a + 1 and the continued fraction of Q
 * otherwise (Numerical Recipes §6.2), so P is accurate where it is small
 * and Q where it is small; the continued fraction of I_x(a, b) (modified
 * Lentz, NR §6.4) on the side x < (a + 1)/(a + b + 2), by the symmetry
 * I_x(a, b) = 1 − I_{1−x}(b, a) on the other.
 *
 * Derivatives in x are closed forms (the densities). Derivatives in the
 * shape parameters differentiate the series and continued fractions term by
 * term (forward mode, iterated to the same tolerance as the value), which
 * converge to the derivative of the function because the convergence is
 * uniform in a neighbourhood of the parameters.
 */
import { digamma, lbeta, lgamma } from './special.js';

const EPS = 1e-15;
const FPMIN = 1e-300;
const MAX_ITER = 5000;

/** P, Q and their derivatives in a; x-derivative of P (that of Q is its negative). */
export interface GammaParts {
  p: number;
  q: number;
  dpda: number;
  dpdx: number;
}

const NAN_GAMMA: GammaParts = { p: NaN, q: NaN, dpda: NaN, dpdx: NaN };

/** Everything about the regularised incomplete gamma at (a, x), a > 0, x ≥ 0. */
export function incGamma(a: number, x: number): GammaParts {
  if (!(a > 0) || !(x >= 0) || Number.isNaN(x)) return NAN_GAMMA;
  if (x === 0) return { p: 0, q: 1, dpda: 0, dpdx: a === 1 ? 1 : a < 1 ? Infinity : 0 };
  if (x === Infinity) return { p: 1, q: 0, dpda: 0, dpdx: 0 };
  const logX = Math.log(x);
  const dpdx = Math.exp((a - 1) * logX - x - lgamma(a));
  if (x < a + 1) {
    // P = x^a e^−x / Γ(a + 1) · Σ x^n / ((a + 1)…(a + n))
    let term = 1;
    let dterm = 0;
    let sum = 1;
    let dsum = 0;
    for (let n = 1; n < MAX_ITER; n++) {
      const r = x / (a + n);
      // d(term·r)/da = dterm·r − term·r/(a + n)
      dterm = dterm * r - (term * r) / (a + n);
      term *= r;
      sum += term;
      dsum += dterm;
      if (Math.abs(term) < Math.abs(sum) * EPS && Math.abs(dterm) <= Math.abs(dsum) * EPS + 1e-300) break;
    }
    const front = Math.exp(a * logX - x - lgamma(a + 1));
    const p = front * sum;
    const dpda = p * (logX - digamma(a + 1)) + front * dsum;
    return { p, q: 1 - p, dpda, dpdx };
  }
  // Q = x^a e^−x / Γ(a) · 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − …)), modified Lentz with tangents in a
  let b = x + 1 - a;
  const db = -1;
  let c = 1 / FPMIN;
  let dc = 0;
  let d = 1 / b;
  let dd = -db / (b * b);
  let h = d;
  let dh = dd;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    const dan = i;
    b += 2;
    // d ← an·d + b
    let dn = an * d + b;
    let ddn = dan * d + an * dd + db;
    if (Math.abs(dn) < FPMIN) {
      dn = FPMIN;
      ddn = 0;
    }
    // c ← b + an/c
    let cn = b + an / c;
    let dcn = db + (dan * c - an * dc) / (c * c);
    if (Math.abs(cn) < FPMIN) {
      cn = FPMIN;
      dcn = 0;
    }
    d = 1 / dn;
    dd = -ddn * d * d;
    c = cn;
    dc = dcn;
    const del = d * c;
    const ddel = dd * c + d * dc;
    dh = dh * del + h * ddel;
    h *= del;
    if (Math.abs(del - 1) < EPS && Math.abs(ddel) < EPS) break;
  }
  const front = Math.exp(a * logX - x - lgamma(a));
  const q = front * h;
  const dqda = q * (logX - digamma(a)) + front * dh;
  return { p: 1 - q, q, dpda: -dqda, dpdx };
}

export function gammaP(a: number, x: number): number {
  return incGamma(a, x).p;
}

export function gammaQ(a: number, x: number): number {
  return incGamma(a, x).q;
}

/** I_x(a, b), 1 − I_x(a, b), and the derivatives of I in a, b and x. */
export interface BetaParts {
  value: number;
  complement: number;
  da: number;
  db: number;
  dx: number;
}

const NAN_BETA: BetaParts = { value: NaN, complement: NaN, da: NaN, db: NaN, dx: NaN };

/** The continued fraction side: I_x(a, b) with its a, b derivatives, for x < (a + 1)/(a + b + 2). */
function betaDirect(a: number, b: number, x: number): { value: number; da: number; db: number } {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let ca = 0;
  let cb = 0;
  let d = 1 - (qab * x) / qap;
  let da = (-x * (1 - b)) / (qap * qap);
  let db = -x / qap;
  if (Math.abs(d) < FPMIN) {
    d = FPMIN;
    da = 0;
    db = 0;
  }
  d = 1 / d;
  da = -da * d * d;
  db = -db * d * d;
  let h = d;
  let ha = da;
  let hb = db;
  // one Lentz step with coefficient aa (and its tangents): d ← 1/(1 + aa·d), c ← 1 + aa/c, h ← h·d·c
  const step = (aa: number, aaA: number, aaB: number): number => {
    let dn = 1 + aa * d;
    let dnA = aaA * d + aa * da;
    let dnB = aaB * d + aa * db;
    if (Math.abs(dn) < FPMIN) {
      dn = FPMIN;
      dnA = 0;
      dnB = 0;
    }
    let cn = 1 + aa / c;
    let cnA = (aaA * c - aa * ca) / (c * c);
    let cnB = (aaB * c - aa * cb) / (c * c);
    if (Math.abs(cn) < FPMIN) {
      cn = FPMIN;
      cnA = 0;
      cnB = 0;
    }
    d = 1 / dn;
    da = -dnA * d * d;
    db = -dnB * d * d;
    c = cn;
    ca = cnA;
    cb = cnB;
    const del = d * c;
    const delA = da * c + d * ca;
    const delB = db * c + d * cb;
    ha = ha * del + h * delA;
    hb = hb * del + h * delB;
    h *= del;
    return Math.abs(del - 1) + Math.abs(delA) + Math.abs(delB);
  };
  for (let m = 1; m < MAX_ITER; m++) {
    const m2 = 2 * m;
    const den1 = (qam + m2) * (a + m2);
    const aa1 = (m * (b - m) * x) / den1;
    step(aa1, -aa1 * (1 / (qam + m2) + 1 / (a + m2)), (m * x) / den1);
    const aa2 = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    const change = step(aa2, aa2 * (1 / (a + m) + 1 / (qab + m) - 1 / (a + m2) - 1 / (qap + m2)), aa2 / (qab + m));
    if (change < EPS) break;
  }
  // front = x^a (1 − x)^b / (a B(a, b))
  const logFront = a * Math.log(x) + b * Math.log1p(-x) - lbeta(a, b) - Math.log(a);
  const front = Math.exp(logFront);
  const value = front * h;
  const psiAB = digamma(qab);
  const dLogA = psiAB - digamma(a) + Math.log(x) - 1 / a;
  const dLogB = psiAB - digamma(b) + Math.log1p(-x);
  return { value, da: value * dLogA + front * ha, db: value * dLogB + front * hb };
}

/** Everything about I_x(a, b), a > 0, b > 0, 0 ≤ x ≤ 1. */
export function incBeta(a: number, b: number, x: number): BetaParts {
  if (!(a > 0) || !(b > 0) || !(x >= 0 && x <= 1)) return NAN_BETA;
  if (x === 0) return { value: 0, complement: 1, da: 0, db: 0, dx: a === 1 ? b : a < 1 ? Infinity : 0 };
  if (x === 1) return { value: 1, complement: 0, da: 0, db: 0, dx: b === 1 ? a : b < 1 ? Infinity : 0 };
  const dx = Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - lbeta(a, b));
  if (x < (a + 1) / (a + b + 2)) {
    const r = betaDirect(a, b, x);
    return { value: r.value, complement: 1 - r.value, da: r.da, db: r.db, dx };
  }
  // I_x(a, b) = 1 − I_{1−x}(b, a): the tangents swap roles and change sign
  const r = betaDirect(b, a, 1 - x);
  return { value: 1 - r.value, complement: r.value, da: -r.db, db: -r.da, dx };
}
