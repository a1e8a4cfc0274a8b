import { IllegalTransitionError, RequestValidationError } from '../http/domain-errors';

/** What a status action was sent: its body's fields (e.g. `note`, `reason`). */
export type ActionInput = Readonly<Record<string, unknown>>;

/**
 * One action of a status machine as data: the statuses it may start from, the status it leads to,
 * the body fields it needs (each with the message shown when missing), the ones it also takes,
 * and its other effects on the record as a pure function of the record, the input and the time.
 */
export interface ActionRule<S extends string, R> {
  readonly from: readonly S[];
  readonly to: S;
  readonly requires?: Readonly<Record<string, string>>;
  /** Optional body fields it takes besides the required ones; any other field sent is refused. */
  readonly accepts?: readonly string[];
  readonly effect?: (record: Readonly<R>, input: ActionInput, now: Date) => Partial<R>;
}

export type StatusMachine<S extends string, A extends string, R = unknown> = Readonly<
  Record<A, ActionRule<S, R>>
>;

/** The actions allowed from a status, in the machine's order. */
export function allowedActions<S extends string, A extends string, R>(
  machine: StatusMachine<S, A, R>,
  status: S,
): A[] {
  return (Object.keys(machine) as A[]).filter((action) => machine[action].from.includes(status));
}

/** The status an action leads to; a 409 naming the allowed actions when it is not allowed. */
export function transition<S extends string, A extends string, R>(
  machine: StatusMachine<S, A, R>,
  what: string,
  status: S,
  action: A,
): S {
  if (!machine[action].from.includes(status)) {
    throw new IllegalTransitionError(what, action, status, allowedActions(machine, status));
  }
  return machine[action].to;
}

/**
 * Everything an action changes on a record: its status and its effects. Refuses (400, naming the
 * field) a missing required field or one the action does not take, then (409) an action the
 * record's status does not allow. Pure: the caller applies the result.
 */
export function planAction<S extends string, A extends string, R extends { status: S }>(
  machine: StatusMachine<S, A, R>,
  what: string,
  record: Readonly<R>,
  action: A,
  input: ActionInput,
  now: Date,
): Partial<R> {
  const rule = machine[action];
  const required = rule.requires ?? {};
  const errors = Object.entries(required)
    .filter(([field]) => input[field] === undefined || input[field] === null || input[field] === '')
    .map(([field, message]) => ({ field, message }));
  const taken = new Set([...Object.keys(required), ...(rule.accepts ?? [])]);
  for (const field of Object.keys(input)) {
    if (input[field] !== undefined && !taken.has(field)) {
      errors.push({ field, message: `is not taken by ${action}` });
    }
  }
  if (errors.length > 0) throw new RequestValidationError(errors);
  const status = transition(machine, what, record.status, action);
  return { ...rule.effect?.(record, input, now), status } as Partial<R>;
}
