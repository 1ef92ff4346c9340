import { LaminarError } from '../../errors/laminar-error.js';
import type { OptionValue } from '../../connectors/options.js';
import { bindExpr } from '../../plan/binder/bind-expr.js';
import { BindContext } from '../../plan/binder/context.js';
import { Scope } from '../../plan/binder/scope.js';
import { evaluateConstant } from '../../plan/constant.js';
import type { OptionAssign } from '../../sql/ast.js';
import { locOf, type ExecContext } from '../exec-context.js';

/** `key = value` pairs of a connector clause, values evaluated as constants. */
export function optionValues(ctx: ExecContext, options: readonly OptionAssign[]): OptionValue[] {
  const bind = new BindContext(ctx.state.catalog, ctx.source);
  return options.map((o) => {
    const location = locOf(ctx, o.value.span);
    const b = bindExpr(o.value, Scope.of([], null), bind, { aggregates: null, clause: 'an option' });
    const value = evaluateConstant(b, `option '${o.name.name}'`, location);
    if (value === null) throw new LaminarError('INVALID_OPTION', `option '${o.name.name}' cannot be NULL`, { location });
    const kind =
      b.type === 'VARCHAR' ? 'string'
      : b.type === 'BOOLEAN' ? 'boolean'
      : b.type === 'INTERVAL' ? 'interval'
      : b.type === 'TIMESTAMP' ? 'timestamp'
      : 'number';
    return { name: o.name.name, kind, value, location: locOf(ctx, o.span) };
  });
}
