/**
 * Special functions in Float64, accurate to a few ulps away from the zeros
 * of the function (where only absolute accuracy is possible). Shared by the
 * f64 backend's kernels, constant folding, the stdlib and the diagnostics.
 *
 * Methods: lgamma by a power series around 1 and 2 (A&S 6.1.41), upward
 * recurrence into [1.5, 2.5] and Stirling's series for x ≥ 10; digamma,
 * trigamma and tetragamma by recurrence and their asymptotic series; erf and
 * erfc as fdlibm (Sun Microsystems, via the port in @stdlib); inv_Phi by
 * Acklam's rational approximation refined by one Halley step.
 */

const LOG_PI = Math.log(Math.PI);
export const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
export const SQRT_TWO_PI = Math.sqrt(2 * Math.PI);
const SQRT_HALF = Math.SQRT1_2;
const EULER_GAMMA = 0.5772156649015329;

// ---------------------------------------------------------------- helpers

/** sin(πx) with exact argument reduction (exact zeros at the integers). */
export function sinpi(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  let r = x % 2; // exact
  if (r < 0) r += 2;
  if (r === 0 || r === 1) return 0;
  if (r > 1) return -sinpiReduced(r - 1);
  return sinpiReduced(r);
}
function sinpiReduced(r: number): number {
  // r in (0, 1): sin(πr) = sin(π(1 − r)), pick the closer to 0
  const s = r > 0.5 ? 1 - r : r;
  return Math.sin(Math.PI * s);
}

/** cos(πx) with exact argument reduction. */
export function cospi(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  return sinpi(x + 0.5);
}

// ζ(k) − 1 for k = 2..K, by Euler–Maclaurin summation (used by lgamma's series).
const ZETA_TERMS = 40;
const ZETA_M1: Float64Array = (() => {
  const out = new Float64Array(ZETA_TERMS + 2);
  const N = 64;
  for (let k = 2; k <= ZETA_TERMS + 1; k++) {
    let s = 0;
    for (let n = N - 1; n >= 2; n--) s += Math.pow(n, -k);
    // tail Σ_{n≥N} n^{-k} ≈ N^{1−k}/(k−1) + N^{−k}/2 + k N^{−k−1}/12 − k(k+1)(k+2) N^{−k−3}/720
    //                       + k(k+1)(k+2)(k+3)(k+4) N^{−k−5}/30240
    const t =
      Math.pow(N, 1 - k) / (k - 1) +
      Math.pow(N, -k) / 2 +
      (k * Math.pow(N, -k - 1)) / 12 -
      (k * (k + 1) * (k + 2) * Math.pow(N, -k - 3)) / 720 +
      (k * (k + 1) * (k + 2) * (k + 3) * (k + 4) * Math.pow(N, -k - 5)) / 30240;
    out[k] = s + t;
  }
  return out;
})();

/** lgamma(2 + z) for |z| ≤ 0.5: z(1 − γ) + Σ_{k≥2} (−1)^k (ζ(k) − 1) z^k / k. */
function lgamma2p(z: number): number {
  let sum = 0;
  let zk = -z; // (−z)^k
  for (let k = 2; k <= ZETA_TERMS; k++) {
    zk *= -z;
    const term = (ZETA_M1[k] * zk) / k;
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return z * (1 - EULER_GAMMA) + sum;
}

/** lgamma(x) − Stirling's approximation, for x ≥ 10 (the correction series). */
export function lgammaStirlingDiff(x: number): number {
  if (x === Infinity) return 0;
  const r = 1 / x;
  const r2 = r * r;
  return (
    r *
    (1 / 12 +
      r2 * (-1 / 360 + r2 * (1 / 1260 + r2 * (-1 / 1680 + r2 * (1 / 1188 + r2 * (-691 / 360360 + r2 * (1 / 156)))))))
  );
}

/** Stirling's approximation (x − ½) log x − x + ½ log 2π. */
function stirling(x: number): number {
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI;
}

// ---------------------------------------------------------------- gamma family

/** log |Γ(x)|; +∞ at the non-positive integers. */
export function lgamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity || x === -Infinity) return Infinity;
  if (x >= 10) return stirling(x) + lgammaStirlingDiff(x);
  if (x >= 2.5) {
    // shift down into [1.5, 2.5): Γ(x) = (x − 1)…(x − n) Γ(x − n)
    let prod = 1;
    let y = x;
    while (y >= 2.5) {
      y -= 1;
      prod *= y;
    }
    return lgamma2p(y - 2) + Math.log(prod);
  }
  if (x >= 1.5) return lgamma2p(x - 2);
  if (x >= 0.5) return lgamma2p(x - 1) - Math.log1p(x - 1); // Γ(x) = Γ(x + 1)/x, x + 1 = 2 + (x − 1)
  if (x > 0) return lgamma(x + 1) - Math.log(x);
  // reflection: Γ(x) Γ(1 − x) = π / sin(πx)
  const s = sinpi(x);
  if (s === 0) return Infinity;
  return LOG_PI - Math.log(Math.abs(s)) - lgamma(1 - x);
}

const FACTORIALS: Float64Array = (() => {
  const f = new Float64Array(171);
  f[0] = 1;
  for (let i = 1; i < 171; i++) f[i] = f[i - 1] * i;
  return f;
})();

/** Γ(x); NaN at the non-positive integers (as C's tgamma domain error). */
export function tgamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return Infinity;
  if (x === -Infinity) return NaN;
  if (Number.isInteger(x)) {
    if (x <= 0) return NaN;
    return x <= 171 ? FACTORIALS[x - 1] : Infinity;
  }
  if (x > 171.7) return Infinity;
  const value = Math.exp(lgamma(x));
  // sign of Γ on (−n, −n + 1) is (−1)^n
  return x > 0 || Math.floor(x) % 2 === 0 ? value : -value;
}

/** ψ(x) = d/dx log Γ(x); NaN at the non-positive integers. */
export function digamma(x: number): number {
  if (Number.isNaN(x) || x === -Infinity) return NaN;
  if (x === Infinity) return Infinity;
  if (x <= 0) {
    if (Number.isInteger(x)) return NaN;
    // ψ(1 − x) − ψ(x) = π cot(πx)
    return digamma(1 - x) - (Math.PI * cospi(x)) / sinpi(x);
  }
  let acc = 0;
  while (x < 10) {
    acc -= 1 / x;
    x += 1;
  }
  const r = 1 / x;
  const r2 = r * r;
  const series =
    r2 *
    (1 / 12 - r2 * (1 / 120 - r2 * (1 / 252 - r2 * (1 / 240 - r2 * (1 / 132 - r2 * (691 / 32760 - r2 * (1 / 12)))))));
  return acc + Math.log(x) - 0.5 * r - series;
}

/** ψ₁(x) = d²/dx² log Γ(x); NaN at the non-positive integers. */
export function trigamma(x: number): number {
  if (Number.isNaN(x) || x === -Infinity) return NaN;
  if (x === Infinity) return 0;
  if (x <= 0) {
    if (Number.isInteger(x)) return NaN;
    // ψ₁(1 − x) + ψ₁(x) = π² / sin²(πx)
    const s = sinpi(x);
    return (Math.PI * Math.PI) / (s * s) - trigamma(1 - x);
  }
  let acc = 0;
  while (x < 10) {
    acc += 1 / (x * x);
    x += 1;
  }
  const r = 1 / x;
  const r2 = r * r;
  // 1/x + 1/(2x²) + Σ B_{2k} / x^{2k+1}
  const series =
    r * r2 * (1 / 6 - r2 * (1 / 30 - r2 * (1 / 42 - r2 * (1 / 30 - r2 * (5 / 66 - r2 * (691 / 2730 - r2 * (7 / 6)))))));
  return acc + r + 0.5 * r2 + series;
}

/** ψ₂(x) = d³/dx³ log Γ(x) (the derivative of trigamma). */
export function tetragamma(x: number): number {
  if (Number.isNaN(x) || x === -Infinity) return NaN;
  if (x === Infinity) return 0;
  if (x <= 0) {
    if (Number.isInteger(x)) return NaN;
    // ψ₂(x) = ψ₂(1 − x) − 2π³ cos(πx) / sin³(πx)
    const s = sinpi(x);
    return tetragamma(1 - x) - (2 * Math.PI ** 3 * cospi(x)) / (s * s * s);
  }
  let acc = 0;
  while (x < 10) {
    acc -= 2 / (x * x * x);
    x += 1;
  }
  const r = 1 / x;
  const r2 = r * r;
  // −[1/x² + 1/x³ + Σ B_{2k} (2k + 1) / x^{2k+2}]
  const series =
    r2 *
    r2 *
    (1 / 2 - r2 * (1 / 6 - r2 * (1 / 6 - r2 * (3 / 10 - r2 * (5 / 6 - r2 * ((691 * 13) / 2730 - r2 * (35 / 2)))))));
  return acc - (r2 + r2 * r + series);
}

/** log B(a, b) = lgamma(a) + lgamma(b) − lgamma(a + b), without cancellation for large arguments. */
export function lbeta(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  const x = Math.min(a, b);
  const y = Math.max(a, b);
  if (x < 0) return NaN;
  if (x === 0) return Infinity;
  if (y === Infinity) return -Infinity;
  if (y < 10) return lgamma(x) + lgamma(y) - lgamma(x + y);
  const xy = x + y;
  if (x < 10) {
    // lgamma(y) − lgamma(x + y) by Stirling's difference (as Stan's lbeta)
    const diff = lgammaStirlingDiff(y) - lgammaStirlingDiff(xy);
    return lgamma(x) + diff + x - x * Math.log(xy) + (y - 0.5) * Math.log1p(-x / xy);
  }
  const diff = lgammaStirlingDiff(x) + lgammaStirlingDiff(y) - lgammaStirlingDiff(xy);
  return diff + (x - 0.5) * Math.log(x / xy) + y * Math.log1p(-x / xy) + HALF_LOG_TWO_PI - 0.5 * Math.log(y);
}

/** log (n choose k) for real n ≥ k ≥ 0 (Stan's lchoose / binomial_coefficient_log). */
export function lchoose(n: number, k: number): number {
  if (Number.isNaN(n) || Number.isNaN(k)) return NaN;
  if (k === 0 || k === n) return 0;
  if (n > -1 && k > -1 && n - k > -1) {
    if (n < 10 && k < 10) return lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1);
    return -Math.log1p(n) - lbeta(n - k + 1, k + 1);
  }
  return NaN;
}

// ---------------------------------------------------------------- error function (fdlibm)

const ERX = 8.45062911510467529297e-1;
const EFX = 1.28379167095512586316e-1;
const ERF_SMALL = 3.725290298461914e-9;
const ERFC_SMALL = 1.3877787807814457e-17;

function polyPP(z: number): number {
  return (
    1.28379167095512558561e-1 +
    z * (-0.3250421072470015 + z * (-0.02848174957559851 + z * (-0.005770270296489442 + z * -0.000023763016656650163)))
  );
}
function polyQQ(z: number): number {
  return (
    1 +
    z *
      (0.39791722395915535 +
        z *
          (0.0650222499887673 +
            z * (0.005081306281875766 + z * (0.00013249473800432164 + z * -0.000003960228278775368))))
  );
}
function polyPA(s: number): number {
  return (
    -2.36211856075265944077e-3 +
    s *
      (0.41485611868374833 +
        s *
          (-0.3722078760357013 +
            s *
              (0.31834661990116175 +
                s * (-0.11089469428239668 + s * (0.035478304325618236 + s * -0.002166375594868791)))))
  );
}
function polyQA(s: number): number {
  return (
    1 +
    s *
      (0.10642088040084423 +
        s *
          (0.540397917702171 +
            s *
              (0.07182865441419627 + s * (0.12617121980876164 + s * (0.01363708391202905 + s * 0.011984499846799107)))))
  );
}
function polyRA(s: number): number {
  return (
    -9.86494403484714822705e-3 +
    s *
      (-0.6938585727071818 +
        s *
          (-10.558626225323291 +
            s *
              (-62.375332450326006 +
                s *
                  (-162.39666946257347 +
                    s * (-184.60509290671104 + s * (-81.2874355063066 + s * -9.814329344169145))))))
  );
}
function polySA(s: number): number {
  return (
    1 +
    s *
      (19.651271667439257 +
        s *
          (137.65775414351904 +
            s *
              (434.56587747522923 +
                s *
                  (645.3872717332679 +
                    s *
                      (429.00814002756783 +
                        s * (108.63500554177944 + s * (6.570249770319282 + s * -0.0604244152148581)))))))
  );
}
function polyRB(s: number): number {
  return (
    -9.86494292470009928597e-3 +
    s *
      (-0.799283237680523 +
        s *
          (-17.757954917754752 +
            s * (-160.63638485582192 + s * (-637.5664433683896 + s * (-1025.0951316110772 + s * -483.5191916086514)))))
  );
}
function polySB(s: number): number {
  return (
    1 +
    s *
      (30.33806074348246 +
        s *
          (325.7925129965739 +
            s *
              (1536.729586084437 +
                s *
                  (3199.8582195085955 + s * (2553.0504064331644 + s * (474.52854120695537 + s * -22.44095244658582))))))
  );
}

const wordView = new Float64Array(1);
const wordBits = new Uint32Array(wordView.buffer);
const LOW_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
/** x with the low 32 bits of its mantissa cleared. */
function truncateLowWord(x: number): number {
  wordView[0] = x;
  wordBits[LOW_WORD] = 0;
  return wordView[0];
}

/** erfc(|x|)·(for 1.25 ≤ |x| < 28) by fdlibm's asymptotic rational forms. */
function erfcTail(ax: number): number {
  const s = 1 / (ax * ax);
  const ratio = ax < 2.857142857142857 ? polyRA(s) / polySA(s) : polyRB(s) / polySB(s);
  const z = truncateLowWord(ax);
  return (Math.exp(-z * z - 0.5625) * Math.exp((z - ax) * (z + ax) + ratio)) / ax;
}

/** The error function. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < 0.84375) {
    if (ax < ERF_SMALL) return x + EFX * x;
    const z = x * x;
    return x + x * (polyPP(z) / polyQQ(z));
  }
  if (ax < 1.25) {
    const s = ax - 1;
    const v = ERX + polyPA(s) / polyQA(s);
    return x < 0 ? -v : v;
  }
  if (ax >= 6) return x < 0 ? -1 : 1;
  const v = 1 - erfcTail(ax);
  return x < 0 ? -v : v;
}

/** The complementary error function 1 − erf(x), accurate in the right tail. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < 0.84375) {
    if (ax < ERFC_SMALL) return 1 - x;
    const z = x * x;
    const y = polyPP(z) / polyQQ(z);
    if (x < 0.25) return 1 - (x + x * y);
    return 0.5 - (x * y + (x - 0.5));
  }
  if (ax < 1.25) {
    const s = ax - 1;
    const pq = polyPA(s) / polyQA(s);
    return x < 0 ? 1 + ERX + pq : 1 - ERX - pq;
  }
  if (ax < 28) {
    if (x < -6) return 2;
    const t = erfcTail(ax);
    return x < 0 ? 2 - t : t;
  }
  return x < 0 ? 2 : 0;
}

// ---------------------------------------------------------------- normal distribution

/** Standard normal density φ(x). */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / SQRT_TWO_PI;
}

/** Standard normal CDF Φ(x), accurate in both tails (relative in the left). */
export function Phi(x: number): number {
  return 0.5 * erfc(-x * SQRT_HALF);
}

/** log Φ(x), finite far into the left tail (asymptotic series below −20). */
export function logPhi(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > 5) return Math.log1p(-0.5 * erfc(x * SQRT_HALF));
  if (x > -20) return Math.log(0.5 * erfc(-x * SQRT_HALF));
  if (x === -Infinity) return -Infinity;
  // Φ(x) = φ(x)/|x| · (1 − 1/x² + 3/x⁴ − 15/x⁶ + …)
  const r2 = 1 / (x * x);
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 12; k++) {
    term *= -(2 * k - 1) * r2;
    sum += term;
  }
  return -0.5 * x * x - Math.log(-x) - HALF_LOG_TWO_PI + Math.log(sum);
}

/** d/dx log Φ(x) = φ(x)/Φ(x), stable in both tails. */
export function dlogPhi(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > -20) return normalPdf(x) / Phi(x);
  if (x === -Infinity) return Infinity;
  return Math.exp(-0.5 * x * x - HALF_LOG_TWO_PI - logPhi(x));
}

// Acklam's rational approximation of Φ⁻¹ (relative error < 1.15e-9), refined below.
const ACKLAM_A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
  2.506628277459239,
];
const ACKLAM_B = [
  -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1,
];
const ACKLAM_C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const ACKLAM_D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const ACKLAM_LOW = 0.02425;

function acklam(p: number): number {
  const a = ACKLAM_A,
    b = ACKLAM_B,
    c = ACKLAM_C,
    d = ACKLAM_D;
  if (p < ACKLAM_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

/** Φ⁻¹(p), the standard normal quantile; ±∞ at 0 and 1, NaN outside [0, 1]. */
export function invPhi(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  // work in the lower half, where p carries full relative precision
  if (p > 0.5) return -invPhiLower(1 - p);
  return invPhiLower(p);
}
function invPhiLower(p: number): number {
  let x = acklam(p);
  // Halley steps on Φ(x) − p (Acklam's refinement); the second one polishes the last ulps
  for (let i = 0; i < 2; i++) {
    const e = Phi(x) - p;
    const u = e * SQRT_TWO_PI * Math.exp(0.5 * x * x);
    x = x - u / (1 + 0.5 * x * u);
  }
  return x;
}

/** Stan's Phi_approx: inv_logit(0.07056 x³ + 1.5976 x). */
export function PhiApprox(x: number): number {
  return invLogit(x * (0.07056 * x * x + 1.5976));
}

// ---------------------------------------------------------------- logistic and log-sum-exp family

/** 1 / (1 + e^{−x}), without overflow. */
export function invLogit(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** log(p / (1 − p)). */
export function logit(p: number): number {
  return Math.log(p) - Math.log1p(-p);
}

/** log(1 + e^x), without overflow or underflow. */
export function log1pExp(x: number): number {
  if (x > 0) return x + Math.log1p(Math.exp(-x));
  return Math.log1p(Math.exp(x));
}

/** log(1 − e^x) for x ≤ 0 (NaN for x > 0, −∞ at 0). */
export function log1mExp(x: number): number {
  if (x > 0) return NaN;
  if (x > -Math.LN2) return Math.log(-Math.expm1(x));
  return Math.log1p(-Math.exp(x));
}

/** log inv_logit(x) = −log(1 + e^{−x}). */
export function logInvLogit(x: number): number {
  return -log1pExp(-x);
}

/** log(1 − inv_logit(x)) = −log(1 + e^x). */
export function log1mInvLogit(x: number): number {
  return -log1pExp(x);
}

/** log(1 − x). */
export function log1m(x: number): number {
  return Math.log1p(-x);
}

/** 1 − exp(−exp(x)). */
export function invCloglog(x: number): number {
  return -Math.expm1(-Math.exp(x));
}

/** log(e^a + e^b). */
export function logSumExp2(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  if (a === Infinity || b === Infinity) return Infinity;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** log(e^a − e^b) for a ≥ b (NaN when b > a, −∞ when a = b). */
export function logDiffExp(a: number, b: number): number {
  if (b === -Infinity) return a;
  if (b > a) return NaN;
  if (a === Infinity) return b === Infinity ? NaN : Infinity;
  return a + log1mExp(b - a);
}

/** log Σ e^{x_i} over a slice, stable (−∞ for an empty slice). */
export function logSumExp(x: ArrayLike<number>, start = 0, end = x.length): number {
  let m = -Infinity;
  for (let i = start; i < end; i++) {
    const v = x[i];
    if (v > m || Number.isNaN(v)) m = v;
  }
  if (Number.isNaN(m)) return NaN;
  if (m === -Infinity || m === Infinity) return m;
  let s = 0;
  for (let i = start; i < end; i++) s += Math.exp(x[i] - m);
  return m + Math.log(s);
}

/** a log b, with 0 log 0 = 0 (Stan's multiply_log and lmultiply). */
export function multiplyLog(a: number, b: number): number {
  if (a === 0 && b === 0) return 0;
  return a * Math.log(b);
}

/** Stan's binary_log_loss(y, ŷ): −log ŷ for y = 1, −log(1 − ŷ) for y = 0 (linear in y between). */
export function binaryLogLoss(y: number, yHat: number): number {
  if (y === 1) return -Math.log(yHat);
  if (y === 0) return -Math.log1p(-yHat);
  return -(y * Math.log(yHat) + (1 - y) * Math.log1p(-yHat));
}

/** Stan's round: halves away from zero. */
export function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** C's fmin/fmax: a NaN argument is ignored. */
export function fmin(a: number, b: number): number {
  if (Number.isNaN(a)) return b;
  if (Number.isNaN(b)) return a;
  return a <= b ? a : b;
}
export function fmax(a: number, b: number): number {
  if (Number.isNaN(a)) return b;
  if (Number.isNaN(b)) return a;
  return a >= b ? a : b;
}

// Stan-spelled aliases, for code that mirrors Stan names.
export {
  invPhi as inv_Phi,
  logPhi as log_Phi,
  PhiApprox as Phi_approx,
  invLogit as inv_logit,
  log1pExp as log1p_exp,
  log1mExp as log1m_exp,
  logInvLogit as log_inv_logit,
  log1mInvLogit as log1m_inv_logit,
  invCloglog as inv_cloglog,
  logSumExp2 as log_sum_exp2,
  logDiffExp as log_diff_exp,
  logSumExp as log_sum_exp,
  multiplyLog as multiply_log,
  binaryLogLoss as binary_log_loss,
};
