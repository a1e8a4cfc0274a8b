import {
  allowedActions,
  ConflictError,
  type FieldError,
  IllegalTransitionError,
  RequestValidationError,
} from '@app/platform';
import { applicationNumberProblem } from './application-number';
import {
  type ExaminationStage,
  examinationDueOn,
  protectionEndsOn,
  renewalWindow,
  renewedUntil,
} from './ip-dates';
import { IP_KIND_RULES, type IpKind, MARK_KINDS } from './ip-kinds';

/**
 * A registration's status is derived from its dated events (never written directly):
 * preparing → filed → formality_accepted → published → granted → renewed (again and again), and
 * refused, withdrawn or expired on the way. The events, what each may follow, what it needs and
 * what it sets are the data below; `replayEvents` folds a history into the current state.
 */
export const IP_STATUSES = [
  'preparing',
  'filed',
  'formality_accepted',
  'published',
  'granted',
  'renewed',
  'refused',
  'withdrawn',
  'expired',
] as const;
export type IpStatus = (typeof IP_STATUSES)[number];

/** The statuses in which a registration is protected (a certificate in force). */
export const IN_FORCE_STATUSES = ['granted', 'renewed'] as const satisfies readonly IpStatus[];

export const IP_LIFECYCLE_EVENTS = [
  'filed',
  'formality_accepted',
  'formality_refused',
  'published',
  'granted',
  'refused',
  'withdrawn',
  'renewed',
  'expired',
] as const;
export type IpLifecycleEventType = (typeof IP_LIFECYCLE_EVENTS)[number];

/** `voided` corrects a mistaken event: it points at it, with a reason; the history keeps both. */
export const IP_EVENT_TYPES = [...IP_LIFECYCLE_EVENTS, 'voided'] as const;
export type IpEventType = (typeof IP_EVENT_TYPES)[number];

/** What the registration shows of its history: kept on it, recomputed from the live events. */
export interface IpState {
  status: IpStatus;
  /** The date of the event that set the current status (the latest live event). */
  statusSince: string | null;
  applicationNumber: string | null;
  filingDate: string | null;
  acceptedOn: string | null;
  publishedOn: string | null;
  certificateNumber: string | null;
  grantDate: string | null;
  /** The last day of protection (a mark's; a geographical indication has none). */
  expiresOn: string | null;
  renewalCount: number;
  renewalOpensOn: string | null;
  renewalClosesOn: string | null;
  /** The office's stage now running, and the last day the law gives it. */
  examinationStage: ExaminationStage | null;
  examinationDueOn: string | null;
}

export const INITIAL_IP_STATE: Readonly<IpState> = Object.freeze({
  status: 'preparing',
  statusSince: null,
  applicationNumber: null,
  filingDate: null,
  acceptedOn: null,
  publishedOn: null,
  certificateNumber: null,
  grantDate: null,
  expiresOn: null,
  renewalCount: 0,
  renewalOpensOn: null,
  renewalClosesOn: null,
  examinationStage: null,
  examinationDueOn: null,
});

/** The fields an event may carry (the body of `POST …/events`). */
export interface IpEventFields {
  date?: string | null;
  applicationNumber?: string | null;
  certificateNumber?: string | null;
  reference?: string | null;
  note?: string | null;
  voidsEventId?: string | null;
  reason?: string | null;
}

/** A lifecycle event as the fold reads it. */
export interface IpLifecycleEvent extends IpEventFields {
  type: IpLifecycleEventType;
}

type Field = keyof IpEventFields;

/**
 * One event type as data: the statuses it may follow (`from`), the status it leads to (`to`),
 * the fields it needs besides its date (each with the message shown when missing), the kinds it
 * applies to, its own checks (400 naming the field), and what it sets.
 */
export interface IpEventRule {
  readonly from: readonly IpStatus[];
  readonly to: IpStatus;
  /** What it follows, in words, for the 409 when it comes out of order. */
  readonly follows: string;
  readonly requires?: Readonly<Partial<Record<Field, string>>>;
  readonly kinds?: readonly IpKind[];
  check?(state: Readonly<IpState>, event: IpLifecycleEvent, kind: IpKind): FieldError | null;
  sets(state: Readonly<IpState>, event: IpLifecycleEvent, kind: IpKind): Partial<IpState>;
}

/** Every lifecycle event takes these besides what it requires. */
const ALWAYS_TAKEN: readonly Field[] = ['date', 'reference', 'note'];

const noExamination = { examinationStage: null, examinationDueOn: null } as const;

function examination(stage: ExaminationStage, startedOn: string): Partial<IpState> {
  return { examinationStage: stage, examinationDueOn: examinationDueOn(stage, startedOn) };
}

function term(expiresOn: string | null): Partial<IpState> {
  if (expiresOn === null) return { expiresOn, renewalOpensOn: null, renewalClosesOn: null };
  const window = renewalWindow(expiresOn);
  return { expiresOn, renewalOpensOn: window.opensOn, renewalClosesOn: window.closesOn };
}

const PENDING: readonly IpStatus[] = ['filed', 'formality_accepted', 'published'];

export const IP_EVENT_RULES: Readonly<Record<IpLifecycleEventType, IpEventRule>> = {
  filed: {
    from: ['preparing'],
    to: 'filed',
    follows: 'is recorded once, on a registration being prepared',
    requires: { applicationNumber: 'is required to record a filing: the number the office gave' },
    check(_state, event, kind) {
      const problem = applicationNumberProblem(kind, event.applicationNumber!, event.date!);
      return problem ? { field: 'applicationNumber', message: problem } : null;
    },
    sets: (_state, event) => ({
      applicationNumber: event.applicationNumber!,
      filingDate: event.date!,
      ...examination('formality', event.date!),
    }),
  },
  formality_accepted: {
    from: ['filed'],
    to: 'formality_accepted',
    follows: 'follows the filing (filed)',
    sets: (_state, event) => ({
      acceptedOn: event.date!,
      ...examination('publication', event.date!),
    }),
  },
  formality_refused: {
    from: ['filed'],
    to: 'refused',
    follows: 'follows the filing (filed)',
    sets: () => noExamination,
  },
  published: {
    from: ['formality_accepted'],
    to: 'published',
    follows: 'follows acceptance in formality examination (formality_accepted)',
    sets: (_state, event) => ({
      publishedOn: event.date!,
      ...examination('substantive', event.date!),
    }),
  },
  granted: {
    from: ['published'],
    to: 'granted',
    follows: 'follows publication (published)',
    requires: { certificateNumber: 'is required to record a grant: the certificate’s number' },
    sets: (state, event, kind) => ({
      certificateNumber: event.certificateNumber!,
      grantDate: event.date!,
      renewalCount: 0,
      ...term(protectionEndsOn(kind, state.filingDate!)),
      ...noExamination,
    }),
  },
  refused: {
    from: ['published'],
    to: 'refused',
    follows: 'follows publication (published): the substantive examination refuses',
    sets: () => noExamination,
  },
  withdrawn: {
    from: PENDING,
    to: 'withdrawn',
    follows: 'applies to a pending application (filed, formality_accepted or published)',
    sets: () => noExamination,
  },
  renewed: {
    from: ['granted', 'renewed'],
    to: 'renewed',
    follows: 'applies to a mark in force (granted or renewed)',
    kinds: MARK_KINDS,
    check(state, event) {
      const { renewalOpensOn: opens, renewalClosesOn: closes, expiresOn } = state;
      if (event.date! < opens! || event.date! > closes!) {
        return {
          field: 'date',
          message: `must lie in the renewal window of the term ending ${expiresOn}: from ${opens} (6 months before) to ${closes} (6 months after, late); got ${event.date}`,
        };
      }
      return null;
    },
    sets: (state, _event, kind) => ({
      renewalCount: state.renewalCount + 1,
      ...term(renewedUntil(kind, state.expiresOn!)),
    }),
  },
  expired: {
    from: ['granted', 'renewed'],
    to: 'expired',
    follows: 'applies to a mark in force (granted or renewed)',
    kinds: MARK_KINDS,
    check(state, event) {
      if (event.date! <= state.expiresOn!) {
        return {
          field: 'date',
          message: `must be after ${state.expiresOn}, the last day of protection; got ${event.date}`,
        };
      }
      return null;
    },
    sets: () => ({}),
  },
};

/** What `voided` needs, in the same form as the lifecycle events' rules. */
export const VOID_RULE = {
  requires: {
    voidsEventId: 'is required to void an event: the id of the mistaken event',
    reason: 'is required to void an event: why it was a mistake',
  },
  accepts: ['date', 'reference', 'note'],
} as const satisfies { requires: Partial<Record<Field, string>>; accepts: readonly Field[] };

/** An event sent in the wrong order: 409 naming what it follows and what is allowed now. */
export class IpEventOrderError extends IllegalTransitionError {
  constructor(type: IpLifecycleEventType, status: IpStatus, allowed: readonly string[]) {
    super(
      'IP registration',
      type,
      status,
      allowed,
      `Cannot record “${type}” on a registration that is ${status}: “${type}” ${
        IP_EVENT_RULES[type].follows
      }. Events allowed now: ${allowed.length > 0 ? allowed.join(', ') : 'none'}`,
    );
  }
}

/** The lifecycle events a registration of `kind` in `status` may record next. */
export function allowedEvents(kind: IpKind, status: IpStatus): IpLifecycleEventType[] {
  return allowedActions(IP_EVENT_RULES, status).filter((type) => appliesTo(type, kind));
}

function appliesTo(type: IpLifecycleEventType, kind: IpKind): boolean {
  const kinds = IP_EVENT_RULES[type].kinds;
  return kinds === undefined || kinds.includes(kind);
}

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** 400 naming each required field missing and each field the event does not take. */
export function checkEventFields(type: IpEventType, fields: IpEventFields): void {
  const [requires, accepts]: [Partial<Record<Field, string>>, readonly Field[]] =
    type === 'voided'
      ? [VOID_RULE.requires, VOID_RULE.accepts]
      : [
          { date: 'is required: the day the event happened', ...IP_EVENT_RULES[type].requires },
          ALWAYS_TAKEN,
        ];
  const errors: FieldError[] = Object.entries(requires)
    .filter(([field]) => !isPresent(fields[field as Field]))
    .map(([field, message]) => ({ field, message }));
  const taken = new Set<string>([...Object.keys(requires), ...accepts]);
  for (const [field, value] of Object.entries(fields)) {
    if (value !== undefined && value !== null && !taken.has(field)) {
      errors.push({ field, message: `is not taken by ${type}` });
    }
  }
  if (errors.length > 0) throw new RequestValidationError(errors);
}

/**
 * The state after one more event: refused (400) when it lacks a field it needs or carries one it
 * does not take, is dated before the latest event (or, given `today`, after today), or fails its
 * own check; refused (409) when it does not apply to the kind or may not follow the status.
 */
export function applyEvent(
  kind: IpKind,
  state: Readonly<IpState>,
  event: IpLifecycleEvent,
  options: { today?: string } = {},
): IpState {
  const { type } = event;
  const rule = IP_EVENT_RULES[type];
  const { type: _, ...fields } = event;
  checkEventFields(type, fields);
  if (!appliesTo(type, kind)) {
    throw new ConflictError(
      `A ${IP_KIND_RULES[kind].label} is protected without a term: “${type}” applies only to marks`,
    );
  }
  if (!rule.from.includes(state.status)) {
    throw new IpEventOrderError(type, state.status, allowedEvents(kind, state.status));
  }
  const date = event.date!;
  if (state.statusSince !== null && date < state.statusSince) {
    throw RequestValidationError.field(
      'date',
      `must not be before ${state.statusSince}, the date of the latest event (status ${state.status} since then); got ${date}`,
    );
  }
  if (options.today !== undefined && date > options.today) {
    throw RequestValidationError.field(
      'date',
      `is after today (${options.today} in Viet Nam): record an event once it has happened`,
    );
  }
  const problem = rule.check?.(state, event, kind);
  if (problem) throw new RequestValidationError([problem]);
  return { ...state, ...rule.sets(state, event, kind), status: rule.to, statusSince: date };
}

/** The state a history of live lifecycle events leads to, in the order they were recorded. */
export function replayEvents(kind: IpKind, events: readonly IpLifecycleEvent[]): IpState {
  return events.reduce<IpState>((state, event) => applyEvent(kind, state, event), {
    ...INITIAL_IP_STATE,
  });
}

export function isInForce(status: IpStatus): boolean {
  return (IN_FORCE_STATUSES as readonly IpStatus[]).includes(status);
}
