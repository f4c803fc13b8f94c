import { LangevinError } from '../errors.js';

export interface VempalaWibisonoInput {
  /** Smoothness: ‖∇f(x) − ∇f(y)‖ ≤ L‖x − y‖. */
  L: number;
  /** Log-Sobolev constant of π. */
  alpha: number;
  /** Dimension d. */
  dim: number;
  /** Target accuracy: KL(ρ_k ‖ π) ≤ ε. */
  eps: number;
  /** KL(ρ₀ ‖ π) of the initial law, if known: needed for the iteration count. */
  kl0?: number;
}

export interface VempalaWibisonoBound {
  kind: 'vempala-wibisono';
  input: VempalaWibisonoInput;
  /** α/(4L²): the largest step the one-step inequality allows. */
  stepSizeSmoothness: number;
  /** εα/(16dL²): the step that makes the asymptotic bias ε/2. */
  stepSizeAccuracy: number;
  /** η = min of the two. */
  stepSize: number;
  /** e^{−αη}: the KL contraction per step. */
  contraction: number;
  /** 8ηdL²/α: the KL bound as k → ∞ (the discretisation bias, ≤ ε/2). */
  asymptoticBias: number;
  /** ⌈log(2 KL₀/ε)/(αη)⌉ (0 when KL₀ ≤ ε/2), when kl0 was given. */
  iterations?: number;
  /** kη: the matching time of the Langevin diffusion. */
  diffusionTime?: number;
  /** e^{−αηk} KL₀ + 8ηdL²/α at k = iterations (≤ ε). */
  klBound?: number;
  /** Caveats about the input (e.g. α > L is impossible for a smooth LSI target). */
  notes: string[];
}

function requirePositive(name: string, value: number | undefined): void {
  if (value === undefined || !Number.isFinite(value) || !(value > 0))
    throw new LangevinError(`${name} must be a positive number, got ${value}`);
}

/**
 * The guarantee of Vempala and Wibisono (2019), seed Theorem 3.1: if π
 * satisfies LSI(α) and f is L-smooth, then for η ≤ α/(4L²)
 * KL(ρ_{k+1}) ≤ e^{−αη} KL(ρ_k) + 6η²dL², hence
 * KL(ρ_k) ≤ e^{−αηk} KL(ρ₀) + 8ηdL²/α, and KL ≤ ε holds with
 * η = min(α/(4L²), εα/(16dL²)) after k ≥ log(2 KL(ρ₀)/ε)/(αη) steps.
 */
export function vempalaWibisono(input: VempalaWibisonoInput): VempalaWibisonoBound {
  const { L, alpha, dim, eps, kl0 } = input;
  requirePositive('--L', L);
  requirePositive('--alpha', alpha);
  requirePositive('--eps', eps);
  if (!Number.isInteger(dim) || dim < 1) throw new LangevinError(`--dim must be a positive integer, got ${dim}`);
  if (kl0 !== undefined && !(Number.isFinite(kl0) && kl0 >= 0))
    throw new LangevinError(`--kl0 must be a non-negative number, got ${kl0}`);

  const stepSizeSmoothness = alpha / (4 * L * L);
  const stepSizeAccuracy = (eps * alpha) / (16 * dim * L * L);
  const stepSize = Math.min(stepSizeSmoothness, stepSizeAccuracy);
  const asymptoticBias = (8 * stepSize * dim * L * L) / alpha;
  const notes: string[] = [];
  if (alpha > L)
    notes.push(
      `alpha = ${alpha} exceeds L = ${L}: no L-smooth target satisfies LSI with alpha > L, so the input is inconsistent.`,
    );
  const result: VempalaWibisonoBound = {
    kind: 'vempala-wibisono',
    input: { ...input },
    stepSizeSmoothness,
    stepSizeAccuracy,
    stepSize,
    contraction: Math.exp(-alpha * stepSize),
    asymptoticBias,
    notes,
  };
  if (kl0 !== undefined) {
    const iterations = kl0 <= eps / 2 ? 0 : Math.ceil(Math.log((2 * kl0) / eps) / (alpha * stepSize));
    result.iterations = iterations;
    result.diffusionTime = iterations * stepSize;
    result.klBound = Math.exp(-alpha * stepSize * iterations) * kl0 + asymptoticBias;
  } else {
    notes.push('give --kl0 (the KL divergence of the initial law from the target) for the number of iterations.');
  }
  return result;
}

/** The same function under the name the CLI uses. */
export const vempalaWibisonoBound = vempalaWibisono;

export interface EyringKramersInput {
  /** f at the minimum m the chain leaves. */
  fMin: number;
  /** f at the saddle s between the wells. */
  fSaddle: number;
  /** f″(m) > 0. */
  curvatureMin: number;
  /** f″(s) < 0 (its absolute value is used). */
  curvatureSaddle: number;
  /** Inverse temperature β of dX = −f′(X)dt + √(2/β)dW (1 for plain Langevin). */
  beta: number;
  /** A step size η, to express the time in LMC steps. */
  stepSize?: number;
}

export interface EyringKramersEstimate {
  kind: 'eyring-kramers';
  input: EyringKramersInput;
  /** f(s) − f(m). */
  barrier: number;
  /** 2π/√(f″(m)|f″(s)|). */
  prefactor: number;
  /** Mean time to cross to the other well: prefactor · exp(β · barrier). */
  meanExitTime: number;
  /** meanExitTime/η: the expected number of LMC steps between well changes. */
  meanExitSteps?: number;
  notes: string[];
}

/**
 * The Eyring–Kramers law for a one-dimensional double well: the mean time
 * for dX = −f′(X)dt + √(2/β)dW to pass from the minimum m over the saddle s
 * is ≈ 2π/√(f″(m)|f″(s)|) · exp(β(f(s) − f(m))), accurate as β·barrier grows.
 * It is the metastability of seed section 4 in numbers: the time between
 * well changes grows exponentially with the barrier.
 */
export function eyringKramers(input: EyringKramersInput): EyringKramersEstimate {
  const { fMin, fSaddle, curvatureMin, curvatureSaddle, beta, stepSize } = input;
  requirePositive('the curvature at the minimum', curvatureMin);
  requirePositive('beta', beta);
  if (!(curvatureSaddle < 0))
    throw new LangevinError(`the curvature at the saddle must be negative, got ${curvatureSaddle}`);
  if (stepSize !== undefined) requirePositive('the step size', stepSize);
  const barrier = fSaddle - fMin;
  if (!(barrier > 0)) throw new LangevinError(`the saddle must lie above the minimum (barrier ${barrier})`);
  const prefactor = (2 * Math.PI) / Math.sqrt(curvatureMin * Math.abs(curvatureSaddle));
  const meanExitTime = prefactor * Math.exp(beta * barrier);
  const notes: string[] = [];
  if (beta * barrier < 3)
    notes.push(
      `beta × barrier = ${(beta * barrier).toPrecision(3)} is small: the law is asymptotic and only rough here.`,
    );
  const result: EyringKramersEstimate = {
    kind: 'eyring-kramers',
    input: { ...input },
    barrier,
    prefactor,
    meanExitTime,
    notes,
  };
  if (stepSize !== undefined) result.meanExitSteps = meanExitTime / stepSize;
  return result;
}

/** Eyring–Kramers for f(x) = (x² − 1)²: f″(±1) = 8, f″(0) = −4, barrier 1, time ≈ 1.111·e^β. */
export function doubleWellKramers(beta: number, stepSize?: number): EyringKramersEstimate {
  return eyringKramers({ fMin: 0, fSaddle: 1, curvatureMin: 8, curvatureSaddle: -4, beta, stepSize });
}

function fmt(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e6) return String(Number(x.toPrecision(4)));
  return x
    .toExponential(3)
    .replace(/\.?0+e/, 'e')
    .replace('e+', 'e');
}

/** A plain-text table of a bound for `langevin bound` (one line per quantity: name, value, meaning). */
export function formatBound(result: VempalaWibisonoBound | EyringKramersEstimate): string {
  const rows: Array<[string, string, string]> = [];
  let title: string;
  if (result.kind === 'vempala-wibisono') {
    const { L, alpha, dim, eps, kl0 } = result.input;
    title = `Vempala–Wibisono bound for LMC (L = ${fmt(L)}, alpha = ${fmt(alpha)}, d = ${dim}, eps = ${fmt(eps)}${
      kl0 === undefined ? '' : `, KL0 = ${fmt(kl0)}`
    })`;
    rows.push([
      'step size limit',
      fmt(result.stepSizeSmoothness),
      'alpha/(4 L^2): the one-step inequality needs eta below this',
    ]);
    rows.push(['step size for eps', fmt(result.stepSizeAccuracy), 'eps alpha/(16 d L^2): makes the bias eps/2']);
    rows.push(['step size eta', fmt(result.stepSize), 'the smaller of the two']);
    rows.push([
      'KL decay per step',
      fmt(-Math.expm1(-alpha * result.stepSize)),
      '1 - exp(-alpha eta): the fraction of KL removed per step',
    ]);
    rows.push(['asymptotic bias', fmt(result.asymptoticBias), '8 eta d L^2/alpha: KL bound as k -> infinity']);
    if (result.iterations !== undefined) {
      rows.push(['iterations k', fmt(result.iterations), 'ceil(log(2 KL0/eps)/(alpha eta))']);
      rows.push(['diffusion time', fmt(result.diffusionTime!), 'k eta']);
      rows.push(['KL bound at k', fmt(result.klBound!), 'exp(-alpha eta k) KL0 + bias, at most eps']);
    }
  } else {
    const { beta } = result.input;
    title = `Eyring–Kramers mean exit time (beta = ${fmt(beta)})`;
    rows.push(['barrier', fmt(result.barrier), 'f(s) - f(m)']);
    rows.push(['prefactor', fmt(result.prefactor), "2 pi/sqrt(f''(m) |f''(s)|)"]);
    rows.push(['mean exit time', fmt(result.meanExitTime), 'prefactor exp(beta barrier), diffusion time units']);
    if (result.meanExitSteps !== undefined)
      rows.push(['mean exit steps', fmt(result.meanExitSteps), 'mean exit time / eta']);
  }
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  const lines = [title, ...rows.map(([a, b, c]) => `  ${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`)];
  for (const note of result.notes) lines.push(`  note: ${note}`);
  return lines.join('\n');
}
