/**
 * Value and derivative of a unary op in one inline statement, sharing the
 * expensive part (the bernoulli_logit family: one exp and one log1p, where
 * the separate kernels f and df of unary.ts cost two exps). Used by the
 * fused loops (fuse.ts) wherever both are needed. Each template gives the
 * same bits as f and df: the branches mirror src/math/special.ts, with
 * e^{−|u|} standing for the exp each branch there takes; the branches only
 * select plain values (−(L − u) is u − L exactly), so V8 can compile them
 * without jumps (the signs of η are random in a regression).
 *
 * A template is fixed source: only the generator's own names (letters and
 * node ids) are substituted into it, never model text.
 */
import type { UnaryOp } from '../../ir/ops.js';

/** Source defining `v` (the value) and `d` (dy/du) from the expression `u`; `u`, `e` name temporaries. */
export type PairedTemplate = (input: string, u: string, e: string, v: string, d: string) => string;

export const PAIRED_UNARY: Partial<Record<UnaryOp, PairedTemplate>> = {
  // log σ(u) = u − log1p(e^u) (u < 0), −log1p(e^{−u}); d = σ(−u)
  log_inv_logit: (input, u, e, v, d) =>
    `const ${u} = ${input}; const ${e} = Math.exp(-Math.abs(${u})); ` +
    `const ${v} = -(Math.log1p(${e}) - (${u} < 0 ? ${u} : 0)); ` +
    `const ${d} = (${u} <= 0 ? 1 : ${e}) / (1 + ${e});`,
  // log(1 − σ(u)) = −(u + log1p(e^{−u})) (u > 0), −log1p(e^u); d = −σ(u)
  log1m_inv_logit: (input, u, e, v, d) =>
    `const ${u} = ${input}; const ${e} = Math.exp(-Math.abs(${u})); ` +
    `const ${v} = -((${u} > 0 ? ${u} : 0) + Math.log1p(${e})); ` +
    `const ${d} = -((${u} >= 0 ? 1 : ${e}) / (1 + ${e}));`,
  // log(1 + e^u) = u + log1p(e^{−u}) (u > 0), log1p(e^u); d = σ(u)
  log1p_exp: (input, u, e, v, d) =>
    `const ${u} = ${input}; const ${e} = Math.exp(-Math.abs(${u})); ` +
    `const ${v} = (${u} > 0 ? ${u} : 0) + Math.log1p(${e}); ` +
    `const ${d} = (${u} >= 0 ? 1 : ${e}) / (1 + ${e});`,
};
