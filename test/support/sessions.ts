import { poolOf } from '@app/platform';
import type request from 'supertest';
import type { DataSource } from 'typeorm';
import type { Caller } from './test-app';
import { versionOf, type World } from './world';

/** A valid working session body hosted by `hostAdminUnitId`; fields may be overridden. */
export function sessionBody(hostAdminUnitId: string, overrides: object = {}): object {
  return {
    kind: 'working_visit',
    title: 'Làm việc về hoạt động khoa học và công nghệ',
    startsAt: '2026-01-10T14:00:00+07:00',
    venue: 'Hội trường UBND quận',
    hostAdminUnitId,
    reportingYear: 2026,
    topics: ['intellectual_property'],
    ...overrides,
  };
}

export interface Created {
  id: string;
  version: number;
  body: Record<string, unknown>;
}

/** The created record, with the version its ETag carried; fails the test unless 201. */
export async function created(req: request.Test): Promise<Created> {
  const res = await req;
  if (res.status !== 201)
    throw new Error(`Expected 201, got ${res.status}: ${JSON.stringify(res.body)}`);
  return { id: res.body.id as string, version: versionOf(res), body: res.body };
}

export function createSession(as: Caller, hostAdminUnitId: string, overrides: object = {}) {
  return created(as.post('/api/v1/working-sessions', sessionBody(hostAdminUnitId, overrides)));
}

/** A session in `w.district` with the district person as host chair and one conclusion. */
export async function sessionWithConclusion(w: World, overrides: object = {}) {
  const session = await createSession(w.as.staff, w.district.id, overrides);
  const participant = await created(
    w.as.staff.post(`/api/v1/working-sessions/${session.id}/participants`, {
      personId: w.districtPerson.id,
      role: 'host_chair',
    }),
  );
  const conclusion = await created(
    w.as.staff.post(`/api/v1/working-sessions/${session.id}/records`, {
      type: 'conclusion',
      text: 'Giao Trung tâm viết dự án đề xuất',
      participantId: participant.id,
    }),
  );
  return { session, participant, conclusion };
}

export function createTask(as: Caller, leadOrganisationId: string, overrides: object = {}) {
  return created(
    as.post('/api/v1/tasks', { title: 'Viết dự án đề xuất', leadOrganisationId, ...overrides }),
  );
}

/** Counts the SQL statements the app sends while `work` runs. */
export async function countQueries(dataSource: DataSource, work: () => Promise<unknown>) {
  let count = 0;
  const counter = {
    beforeQuery: () => {
      count++;
    },
  };
  dataSource.subscribers.push(counter);
  // The hot paths' named statements go to the pool directly (the task reads). The token check
  // is left out: whether it asks the database depends on what the process heard last
  // (CheckedTokens), not on the route.
  const pool = poolOf(dataSource);
  const query = pool.query;
  pool.query = function (this: typeof pool, ...args: unknown[]) {
    const text = (args[0] as { text?: unknown } | undefined)?.text;
    if (typeof text !== 'string' || !text.includes('FROM access_token t JOIN app_user u')) count++;
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof pool.query;
  try {
    await work();
  } finally {
    pool.query = query;
    dataSource.subscribers.splice(dataSource.subscribers.indexOf(counter), 1);
  }
  return count;
}

/** The actions of a record's audit trail, oldest first. */
export async function auditActions(
  admin: Caller,
  entityType: string,
  entityId: string,
): Promise<string[]> {
  const res = await admin
    .get(`/api/v1/audit-events?entityType=${entityType}&entityId=${entityId}&sort=at&pageSize=100`)
    .expect(200);
  return (res.body.items as { action: string }[]).map((e) => e.action);
}

/** The fields a 400 names, in order. */
export function errorFields(res: request.Response): string[] {
  return (res.body as { errors: { field: string }[] }).errors.map((e) => e.field);
}

/** The items of a page. */
export function itemsOf<T>(res: request.Response): T[] {
  return (res.body as { items: T[] }).items;
}

/** The ids of a page's items, in order. */
export function itemIds(res: request.Response): string[] {
  return itemsOf<{ id: string }>(res).map((item) => item.id);
}
