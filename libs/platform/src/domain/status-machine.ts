import { IllegalTransitionError } from '../http/domain-errors';

/**
 * A status machine as data: each action names the statuses it may start from and the status it
 * leads to. Services call `transition`; the allowed actions of a status are derived, never listed
 * twice.
 */
export type StatusMachine<S extends string, A extends string> = Readonly<
  Record<A, { readonly from: readonly S[]; readonly to: S }>
>;

/** The actions allowed from a status, in the machine's order. */
export function allowedActions<S extends string, A extends string>(
  machine: StatusMachine<S, A>,
  status: S,
): A[] {
  return (Object.keys(machine) as A[]).filter((action) => machine[action].from.includes(status));
}

/** The status an action leads to; a 409 naming the allowed actions when it is not allowed. */
export function transition<S extends string, A extends string>(
  machine: StatusMachine<S, A>,
  what: string,
  status: S,
  action: A,
): S {
  if (!machine[action].from.includes(status)) {
    throw new IllegalTransitionError(what, action, status, allowedActions(machine, status));
  }
  return machine[action].to;
}
