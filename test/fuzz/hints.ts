import type { JsonSchema } from './openapi';

/**
 * What the document does not say but a fuzz needs to get past the first check: which collection a
 * uuid field refers to, and which free strings are dates. Hints only raise the share of valid
 * requests that reach the database; an operation no hint matches is still fuzzed (random ids,
 * random strings).
 */

interface IdHint {
  field: RegExp;
  /** Only for operations under this path. */
  under?: RegExp;
  /** The collection (a GET list) whose items' ids fit the field; may have `{params}`. */
  collection: string;
}

const ID_HINTS: IdHint[] = [
  { field: /^parentId$/, under: /^\/api\/v1\/admin-units/, collection: '/api/v1/admin-units' },
  {
    field: /^parentId$/,
    under: /^\/api\/v1\/organisations/,
    collection: '/api/v1/organisations',
  },
  { field: /organisationId/i, collection: '/api/v1/organisations' },
  { field: /adminUnitId|successorId|predecessorId/i, collection: '/api/v1/admin-units' },
  { field: /personId/i, collection: '/api/v1/people' },
  { field: /sessionId/i, collection: '/api/v1/working-sessions' },
  { field: /participantId/i, collection: '/api/v1/working-sessions/{id}/participants' },
  { field: /recordId/i, collection: '/api/v1/working-sessions/{id}/records' },
  { field: /taskId/i, collection: '/api/v1/tasks' },
  { field: /actorId|userId/i, collection: '/api/v1/users' },
  { field: /^(entityId|subjectId)$/, collection: '/api/v1/organisations' },
];

/** The collection whose ids fit `field` in an operation on `path`, if a hint knows one. */
export function idCollection(field: string, path: string): string | undefined {
  return ID_HINTS.find((h) => h.field.test(field) && (!h.under || h.under.test(path)))?.collection;
}

export type Temporal = 'date' | 'instant';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Whether a free string holds a date or an instant: from its example, description, then name. */
export function temporalKind(name: string, schema: JsonSchema): Temporal | undefined {
  if (schema.format === 'date') return 'date';
  if (schema.format === 'date-time') return 'instant';
  if (schema.type !== 'string' || schema.enum) return undefined;
  const example = schema.example;
  if (typeof example === 'string') {
    if (DATE.test(example)) return 'date';
    if (INSTANT.test(example)) return 'instant';
  }
  const description = schema.description ?? '';
  if (/YYYY-MM-DD/.test(description)) return 'date';
  if (/instant|ISO 8601/i.test(description)) return 'instant';
  if (/(Date|On|Before|After)$|^valid(From|To)$/.test(name)) return 'date';
  if (/At$/.test(name)) return 'instant';
  return undefined;
}

/** Picks the id of a record of a collection (a list template; `{id}` is the request's own). */
export type PickId = (collection: string) => Promise<string>;

/**
 * Bodies that pass the rules across fields the document cannot state (a district's subtype, a
 * note for one action and a reason for another, exactly one of personId and organisationId), so
 * some valid requests of these operations get past 400. Used for a share of valid cases, beside the
 * schema's own values; an operation without a seed is fuzzed from its schema alone.
 */
export const BODY_SEEDS: Record<string, (pick: PickId, n: number) => Promise<unknown>> = {
  createAdminUnit: async (pick, n) => ({
    code: String(90000 + (n % 9999)),
    name: `Xã Thử Nghiệm ${n}`,
    level: 'commune',
    subtype: 'xa',
    parentId: await pick('/api/v1/admin-units?level=district'),
  }),
  createTask: async (pick) => ({
    title: 'Viết dự án đề xuất',
    leadOrganisationId: await pick('/api/v1/organisations'),
    dueDate: '2026-06-30',
  }),
  createSessionParticipant: async (pick) => ({
    personId: await pick('/api/v1/people'),
    role: 'attendee',
  }),
  holdWorkingSession: () => Promise.resolve({ note: 'Đã làm việc' }),
  closeWorkingSession: () => Promise.resolve({ note: 'Biên bản đã được thống nhất' }),
  cancelWorkingSession: () => Promise.resolve({ reason: 'Lãnh đạo quận bận công tác' }),
  startTask: () => Promise.resolve({}),
  completeTask: () => Promise.resolve({ note: 'Đã gửi dự án đề xuất cho Sở' }),
  cancelTask: () => Promise.resolve({ reason: 'Nội dung đã giao cho đơn vị khác' }),
  reopenTask: () => Promise.resolve({ note: 'Cần làm lại' }),
};
