/**
 * Constant arguments of a distribution checked against their declared
 * support when the model is compiled, as Stan checks them when it runs:
 * `x ~ normal(0, -1)` is reported at the argument ("normal's sigma is -1,
 * but must be positive") instead of as a model with no valid initial values.
 */
import type { Expr } from '../language/ast.js';
import type { Val } from '../ir/ops.js';
import type { DistributionEntry, ParamSpec } from '../../stdlib/types.js';
import { userError, type Context } from './context.js';

const REQUIREMENT: Partial<Record<NonNullable<ParamSpec['constraint']>, [string, (x: number) => boolean]>> = {
  real: ['finite', (x) => Number.isFinite(x)],
  positive: ['positive and finite', (x) => x > 0 && Number.isFinite(x)],
  nonnegative: ['non-negative and finite', (x) => x >= 0 && Number.isFinite(x)],
  unit: ['in [0, 1]', (x) => x >= 0 && x <= 1],
  'int>=0': ['a non-negative int', (x) => x >= 0 && Number.isInteger(x)],
};

export function checkConstantArguments(ctx: Context, dist: DistributionEntry, params: Val[], args: Expr[]): void {
  dist.params.forEach((spec, i) => {
    const values = params[i]?.constant;
    const requirement = spec.constraint ? REQUIREMENT[spec.constraint] : undefined;
    if (!values || !requirement || !args[i]) return;
    const [wanted, holds] = requirement;
    for (let k = 0; k < values.length; k++) {
      const x = values[k]!;
      if (holds(x)) continue;
      const element = values.length > 1 ? `[${k + 1}]` : '';
      throw userError(
        `invalid argument: ${dist.name}'s ${spec.name}${element} is ${x}, but must be ${wanted}`,
        args[i]!.span,
        ctx.file,
      );
    }
  });
}
