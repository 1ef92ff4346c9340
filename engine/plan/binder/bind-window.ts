import { LaminarError } from '../../errors/laminar-error.js';
import type { WindowSpec } from '../../exec/operators/window/window-spec.js';
import type { Call, Expr, Select } from '../../sql/ast.js';
import type { BoundExpr } from '../bound-expr.js';
import { evaluateConstant } from '../constant.js';
import type { EmitSpec } from '../logical.js';
import { bindExpr } from './bind-expr.js';
import type { BindContext } from './context.js';
import { Scope } from './scope.js';

const WINDOW_FUNCTIONS: Readonly<Record<string, { args: string[]; optional: number }>> = {
  tumble: { args: ['time', 'size', 'offset'], optional: 1 },
  hop: { args: ['time', 'slide', 'size', 'offset'], optional: 1 },
  session: { args: ['time', 'gap'], optional: 0 },
};

export function isWindowCall(e: Expr): e is Call {
  return e.kind === 'call' && !e.name.quoted && Object.hasOwn(WINDOW_FUNCTIONS, e.name.name.toLowerCase());
}

export interface BoundWindow {
  readonly spec: WindowSpec;
  /** The event-time expression, over the input. */
  readonly time: BoundExpr;
  readonly call: Call;
}

/** TUMBLE(ts, size [, offset]), HOP(ts, slide, size [, offset]) or SESSION(ts, gap). */
export function bindWindow(call: Call, scope: Scope, ctx: BindContext): BoundWindow {
  const name = call.name.name.toLowerCase();
  const shape = WINDOW_FUNCTIONS[name]!;
  const location = ctx.loc(call.span);
  const required = shape.args.length - shape.optional;
  if (call.args.length < required || call.args.length > shape.args.length) {
    throw new LaminarError('WRONG_ARGUMENT_COUNT', `${name.toUpperCase()} takes ${name === 'session' ? '2' : `${required} or ${shape.args.length}`} arguments: ${name.toUpperCase()}(${shape.args.join(', ')})`, { location });
  }
  const time = bindExpr(call.args[0]!, scope, ctx, { aggregates: null, clause: `the time of ${name.toUpperCase()}` });
  if (time.type !== 'TIMESTAMP') {
    throw new LaminarError('TYPE_MISMATCH', `${name.toUpperCase()} needs a TIMESTAMP, not ${time.type}`, { location: ctx.loc(call.args[0]!.span) });
  }
  const interval = (k: number, allowZero = false): number => {
    const arg = call.args[k]!;
    const loc = ctx.loc(arg.span);
    const b = bindExpr(arg, scope, ctx, { aggregates: null, clause: `the ${shape.args[k]} of ${name.toUpperCase()}` });
    if (b.type !== 'INTERVAL') throw new LaminarError('TYPE_MISMATCH', `the ${shape.args[k]} of ${name.toUpperCase()} must be an INTERVAL, not ${b.type}`, { location: loc, hint: "e.g. INTERVAL '1' MINUTE" });
    const v = evaluateConstant(b, `the ${shape.args[k]}`, loc) as number | null;
    if (v === null || v < 0 || (v === 0 && !allowZero)) throw new LaminarError('INVALID_ARGUMENT', `the ${shape.args[k]} of ${name.toUpperCase()} must be positive`, { location: loc });
    return v;
  };
  let spec: WindowSpec;
  if (name === 'tumble') {
    spec = { kind: 'tumble', size: interval(1), offset: call.args.length > 2 ? interval(2, true) : 0 };
  } else if (name === 'hop') {
    spec = { kind: 'hop', slide: interval(1), size: interval(2), offset: call.args.length > 3 ? interval(3, true) : 0 };
    if (spec.slide > spec.size) {
      throw new LaminarError('INVALID_ARGUMENT', 'the slide of HOP cannot be larger than its size (rows would fall between windows)', { location });
    }
  } else {
    spec = { kind: 'session', gap: interval(1) };
  }
  return { spec, time, call };
}

/** The EMIT, ALLOW LATENESS and LATE DATA TO clauses of a SELECT, checked against its window. */
export function bindEmit(select: Select, windowed: boolean, ctx: BindContext): { emit: EmitSpec; lateness: number } {
  const needsWindow = (what: string, span: { start: number; end: number }) => {
    if (!windowed) throw new LaminarError('INVALID_GROUPING', `${what} needs a window in GROUP BY (TUMBLE, HOP or SESSION)`, { location: ctx.loc(span) });
  };
  let emit: EmitSpec = { kind: 'changes' };
  if (select.emit) {
    const e = select.emit;
    if (e.kind === 'every') {
      needsWindow('EMIT EVERY', e.span);
      const loc = ctx.loc(e.interval.span);
      const b = bindExpr(e.interval, Scope.of([], null), ctx, { aggregates: null, clause: 'EMIT EVERY' });
      if (b.type !== 'INTERVAL') throw new LaminarError('TYPE_MISMATCH', `EMIT EVERY needs an INTERVAL, not ${b.type}`, { location: loc });
      const v = evaluateConstant(b, 'EMIT EVERY', loc) as number | null;
      if (v === null || v <= 0) throw new LaminarError('INVALID_ARGUMENT', 'EMIT EVERY needs a positive interval', { location: loc });
      emit = { kind: 'every', interval: v };
    } else {
      if (e.kind !== 'changes') needsWindow(e.kind === 'close' ? 'EMIT ON WINDOW CLOSE' : 'EMIT FINAL', e.span);
      emit = { kind: e.kind };
    }
  }
  let lateness = 0;
  if (select.lateness) {
    needsWindow('ALLOW LATENESS', select.lateness.span);
    const loc = ctx.loc(select.lateness.span);
    const b = bindExpr(select.lateness, Scope.of([], null), ctx, { aggregates: null, clause: 'ALLOW LATENESS' });
    if (b.type !== 'INTERVAL') throw new LaminarError('TYPE_MISMATCH', `ALLOW LATENESS needs an INTERVAL, not ${b.type}`, { location: loc });
    const v = evaluateConstant(b, 'ALLOW LATENESS', loc) as number | null;
    if (v === null || v < 0) throw new LaminarError('INVALID_ARGUMENT', 'ALLOW LATENESS cannot be negative', { location: loc });
    lateness = v;
  }
  if (select.lateDataTo) needsWindow('LATE DATA TO', select.lateDataTo.span);
  return { emit, lateness };
}
