import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import {
  CheckedTokens,
  createFirstAdmin,
  RecordWriter,
  UsersService,
  SYSTEM_ACTOR,
} from '@app/platform';
import { createApiApp } from '../apps/api/src/bootstrap';
import { TestClock } from './support/clock';
import { startTestApp, TestApp } from './support/test-app';
import { buildWorld, signIn, TEST_PASSWORD, World } from './support/world';

const login = (t: TestApp, username: string, password: string, ip?: string) => {
  const req = request(t.http).post('/api/v1/auth/login');
  if (ip) req.set('X-Forwarded-For', ip);
  return req.send({ username, password });
};

/** A leadership account with the test password, made as an administrator would. */
const createLeader = (t: TestApp, username: string, fullName: string) =>
  t.app.get(UsersService).create(SYSTEM_ACTOR, {
    username,
    password: TEST_PASSWORD,
    fullName,
    role: 'leadership',
  });

describe('Accounts and sign-in', () => {
  let t: TestApp;
  let w: World;
  const clock = new TestClock('2026-05-01T02:00:00Z');

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { TOKEN_TTL_S: '3600' } });
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  it('signs in, tells who is signed in, and signs out for good', async () => {
    const res = await login(t, 'test.staff', TEST_PASSWORD).expect(200);
    expect(res.body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 3600,
      user: { username: 'test.staff', role: 'department_staff' },
    });
    expect(res.body.user.passwordHash).toBeUndefined();
    const auth = { Authorization: `Bearer ${res.body.accessToken}` };
    const me = await request(t.http).get('/api/v1/auth/me').set(auth).expect(200);
    expect(me.body).toMatchObject({ username: 'test.staff', organisationId: w.department.id });
    await request(t.http).post('/api/v1/auth/logout').set(auth).expect(204);
    await request(t.http).get('/api/v1/auth/me').set(auth).expect(401);
  });

  it('answers a wrong password and an unknown username alike', async () => {
    const wrong = await login(t, 'test.leader', 'not the password at all').expect(401);
    const unknown = await login(t, 'nobody.here', 'not the password at all').expect(401);
    expect(wrong.body.detail).toBe('Invalid username or password');
    expect(unknown.body.detail).toBe(wrong.body.detail);
  });

  it('answers a server error, not a wrong password, when a stored hash cannot be checked', async () => {
    const user = await createLeader(t, 'damaged.hash', 'A');
    // A hash whose parameters argon2 refuses to compute with, as damaged data would leave it.
    await t.dataSource.query(`UPDATE app_user SET password_hash = $1 WHERE id = $2`, [
      '$argon2id$v=19$m=1,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNo',
      user.id,
    ]);
    const res = await login(t, 'damaged.hash', TEST_PASSWORD).expect(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|Memory cost|at .*\.ts/);
  });

  it('refuses a token after it expires', async () => {
    const caller = await signIn(t, 'test.leader');
    await caller.get('/api/v1/auth/me').expect(200);
    clock.set('2026-05-01T03:00:01Z');
    await caller.get('/api/v1/auth/me').expect(401);
    clock.set('2026-05-01T02:00:00Z');
  });

  it('ends every token of a deactivated user at once, and refuses their sign-in', async () => {
    const user = await createLeader(t, 'to.deactivate', 'A');
    const first = await signIn(t, 'to.deactivate');
    const second = await signIn(t, 'to.deactivate');
    await w.as.admin.patch(`/api/v1/users/${user.id}`, { active: false }, user.version).expect(200);
    await first.get('/api/v1/auth/me').expect(401);
    await second.get('/api/v1/admin-units').expect(401);
    await login(t, 'to.deactivate', TEST_PASSWORD).expect(401);
  });

  it('ends the tokens of a user whose password an administrator resets', async () => {
    const user = await createLeader(t, 'to.reset', 'B');
    const caller = await signIn(t, 'to.reset');
    const res = await w.as.admin
      .patch(`/api/v1/users/${user.id}`, { password: 'a brand new password 2' }, user.version)
      .expect(200);
    expect(res.body.password).toBeUndefined();
    await caller.get('/api/v1/auth/me').expect(401);
    await login(t, 'to.reset', TEST_PASSWORD).expect(401);
    await login(t, 'to.reset', 'a brand new password 2').expect(200);
  });

  it('lets a user change their own password, which signs them out everywhere', async () => {
    await createLeader(t, 'own.change', 'C');
    const caller = await signIn(t, 'own.change');
    const bad = await caller
      .post('/api/v1/auth/change-password', {
        currentPassword: 'wrong one',
        newPassword: 'another long password 3',
      })
      .expect(400);
    expect(bad.body.errors[0].field).toBe('currentPassword');
    await caller
      .post('/api/v1/auth/change-password', {
        currentPassword: TEST_PASSWORD,
        newPassword: 'another long password 3',
      })
      .expect(204);
    await caller.get('/api/v1/auth/me').expect(401);
    await login(t, 'own.change', 'another long password 3').expect(200);
  });

  it('refuses short passwords and passwords that contain the username', async () => {
    const short = await w.as.admin
      .post('/api/v1/users', {
        username: 'new.user',
        password: 'short',
        fullName: 'N',
        role: 'leadership',
      })
      .expect(400);
    expect(short.body.errors[0].field).toBe('password');
    const withName = await w.as.admin
      .post('/api/v1/users', {
        username: 'new.user',
        password: 'my name is new.user!',
        fullName: 'N',
        role: 'leadership',
      })
      .expect(400);
    expect(withName.body.errors).toEqual([
      { field: 'password', message: 'must not contain the username' },
    ]);
  });

  it('binds unit staff to an organisation and district officers to a district', async () => {
    const noOrg = await w.as.admin
      .post('/api/v1/users', {
        username: 'unit.x',
        password: TEST_PASSWORD,
        fullName: 'U',
        role: 'unit_staff',
      })
      .expect(400);
    expect(noOrg.body.errors[0].field).toBe('organisationId');
    const province = await w.as.admin
      .post('/api/v1/users', {
        username: 'officer.x',
        password: TEST_PASSWORD,
        fullName: 'O',
        role: 'district_officer',
        adminUnitId: w.province.id,
      })
      .expect(400);
    expect(province.body.errors[0].message).toMatch(/not a province/);
    const dup = await w.as.admin
      .post('/api/v1/users', {
        username: 'test.staff',
        password: TEST_PASSWORD,
        fullName: 'D',
        role: 'leadership',
      })
      .expect(409);
    expect(dup.body.detail).toMatch(/already taken/);
  });

  it('never shows a password hash or token in the audit trail', async () => {
    const res = await w.as.admin
      .get(`/api/v1/audit-events?entityType=user&entityId=${w.userIds.staff}`)
      .expect(200);
    expect(res.body.total).toBeGreaterThan(0);
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|argon2|tokenHash/);
  });

  describe('with two replicas on one database', () => {
    let replica: NestFastifyApplication;
    beforeAll(async () => {
      replica = await createApiApp(t.config, t.databaseUrl, clock);
      await replica.init();
      await replica.getHttpAdapter().getInstance().ready();
    });
    afterAll(() => replica.close());

    /** Polls `until` every 20 ms for up to 3 s (a notice takes milliseconds to arrive). */
    async function eventually(until: () => boolean | Promise<boolean>): Promise<boolean> {
      for (const deadline = Date.now() + 3_000; Date.now() < deadline;) {
        if (await until()) return true;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return until();
    }
    const status = async (app: NestFastifyApplication, token: string) =>
      (
        await request(app.getHttpServer())
          .get('/api/v1/auth/me')
          .set('Authorization', `Bearer ${token}`)
      ).status;

    it('a sign-out on one replica ends the token on the other, which had just used it', async () => {
      const token = (await login(t, 'test.leader', TEST_PASSWORD).expect(200)).body.accessToken;
      expect(await status(replica, token)).toBe(200);
      expect(await status(replica, token)).toBe(200);
      await request(t.http)
        .post('/api/v1/auth/logout')
        .set('Authorization', `Bearer ${token}`)
        .expect(204);
      expect(await status(t.app, token)).toBe(401);
      expect(await eventually(async () => (await status(replica, token)) === 401)).toBe(true);
    });

    it('a revocation made outside the API (the CLI, SQL) ends the token on every replica', async () => {
      const token = (await login(t, 'test.leader', TEST_PASSWORD).expect(200)).body.accessToken;
      expect(await status(t.app, token)).toBe(200);
      expect(await status(replica, token)).toBe(200);
      await t.dataSource.query(
        `UPDATE access_token SET revoked_at = now() WHERE revoked_at IS NULL`,
      );
      expect(await eventually(async () => (await status(t.app, token)) === 401)).toBe(true);
      expect(await eventually(async () => (await status(replica, token)) === 401)).toBe(true);
    });

    it('without its link to the notices, a replica checks every token in the database', async () => {
      const token = (await login(t, 'test.leader', TEST_PASSWORD).expect(200)).body.accessToken;
      expect(await status(replica, token)).toBe(200);
      const checked = replica.get(CheckedTokens);
      expect(checked.listening).toBe(true);
      await t.dataSource.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND query = 'LISTEN auth_changed'`,
      );
      expect(await eventually(() => !checked.listening)).toBe(true);
      // Nothing can tell this replica now: it must ask the database.
      await t.dataSource.query(
        `ALTER TABLE access_token DISABLE TRIGGER tr_access_token_auth_changed`,
      );
      try {
        await t.dataSource.query(
          `UPDATE access_token SET revoked_at = now() WHERE revoked_at IS NULL`,
        );
        expect(await status(replica, token)).toBe(401);
      } finally {
        await t.dataSource.query(
          `ALTER TABLE access_token ENABLE TRIGGER tr_access_token_auth_changed`,
        );
      }
      // And it listens again shortly.
      expect(await eventually(() => checked.listening)).toBe(true);
    });
  });
});

describe('Sign-in throttling (shared through PostgreSQL)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        LOGIN_MAX_FAILURES: '4',
        LOGIN_MAX_FAILURES_PER_ADDRESS: '6',
        LOGIN_LOCKOUT_S: '600',
        TRUST_PROXY: 'true',
      },
    });
    await createLeader(t, 'victim', 'V');
  });
  afterAll(() => t.close());

  it('slows repeated failures for one username, then refuses it with 429 even with the right password', async () => {
    const elapsed: number[] = [];
    for (let i = 0; i < 4; i++) {
      const started = Date.now();
      await login(t, 'victim', 'wrong password here', `10.0.0.${i + 1}`).expect(401);
      elapsed.push(Date.now() - started);
    }
    // The fourth attempt came after three failures, so it was made to wait.
    expect(elapsed[3]).toBeGreaterThanOrEqual(350);
    const locked = await login(t, 'victim', TEST_PASSWORD, '10.0.0.9').expect(429);
    expect(locked.body).toMatchObject({ status: 429, type: '/problems/too-many-requests' });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(500);
  });

  it('throttles a username that does not exist the same way (nothing to learn from the answer)', async () => {
    for (let i = 0; i < 4; i++)
      await login(t, 'ghost', 'whatever password', `10.1.0.${i + 1}`).expect(401);
    const locked = await login(t, 'ghost', 'whatever password', '10.1.0.9').expect(429);
    expect(locked.body.detail).toMatch(/Too many failed password attempts/);
  });

  it('counts parallel attempts before checking them: 19 wrong passwords and the right one, at once, check at most the limit', async () => {
    await createLeader(t, 'raced', 'R');
    const attempts = Array.from({ length: 20 }, (_, i) =>
      login(t, 'raced', i === 10 ? TEST_PASSWORD : 'wrong password here', `10.2.${i}.1`),
    );
    const statuses = (await Promise.all(attempts)).map((r) => r.status);
    // About four attempts were counted and checked (one more if the right password, among the
    // first four, cleared the count before a late one arrived); the rest were refused unchecked.
    const checked = statuses.filter((s) => s !== 429);
    expect(checked.length).toBeGreaterThanOrEqual(4);
    expect(checked.length).toBeLessThanOrEqual(5);
  });

  it('counts parallel attempts from one address the same way', async () => {
    const attempts = Array.from({ length: 12 }, (_, i) =>
      login(t, `parallel${i}`, 'whatever password', '192.168.9.9'),
    );
    const statuses = (await Promise.all(attempts)).map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(6);
    expect(statuses.filter((s) => s === 429)).toHaveLength(6);
  });

  it('throttles a wrong current password on change-password like a sign-in (a stolen token cannot guess it)', async () => {
    await createLeader(t, 'changer', 'C');
    const token = (await login(t, 'changer', TEST_PASSWORD, '10.3.0.1').expect(200)).body
      .accessToken as string;
    const change = (currentPassword: string, i: number) =>
      request(t.http)
        .post('/api/v1/auth/change-password')
        .set('Authorization', `Bearer ${token}`)
        .set('X-Forwarded-For', `10.3.1.${i}`)
        .send({ currentPassword, newPassword: 'a brand new password 2' });
    for (let i = 0; i < 4; i++) {
      const wrong = await change(`guess number ${i}`, i).expect(400);
      expect(wrong.body.errors).toEqual([
        { field: 'currentPassword', message: 'is not your current password' },
      ]);
    }
    const refused = await change(TEST_PASSWORD, 9).expect(429);
    expect(refused.body.type).toBe('/problems/too-many-requests');
    // Nothing changed: the old password still signs in once the lockout is over (not here).
  });

  it('refuses an address that keeps failing across usernames', async () => {
    for (let i = 0; i < 6; i++)
      await login(t, `user${i}`, 'whatever password', '192.168.7.7').expect(401);
    const locked = await login(t, 'someone.else', 'whatever password', '192.168.7.7').expect(429);
    expect(locked.headers['retry-after']).toBeDefined();
    const elsewhere = await login(t, 'someone.else', 'whatever password', '192.168.7.8').expect(
      401,
    );
    expect(elsewhere.body.detail).toBe('Invalid username or password');
  });
});

describe('First start, and HTTP hardening settings', () => {
  it('creates admin from ADMIN_PASSWORD on an empty database only', async () => {
    const t = await startTestApp({ env: { ADMIN_PASSWORD: 'first boss password' } });
    try {
      await login(t, 'admin', 'first boss password').expect(200);
      const audit = await signIn(t, 'admin', 'first boss password');
      const events = await audit
        .get('/api/v1/audit-events?entityType=user&action=create')
        .expect(200);
      expect(events.body.items[0]).toMatchObject({ actorId: null, action: 'create' });
      // A later start with another ADMIN_PASSWORD changes nothing: accounts exist.
      const created = await createFirstAdmin(t.app.get(RecordWriter), 'some other long password');
      expect(created).toBe(false);
      await login(t, 'admin', 'first boss password').expect(200);
    } finally {
      await t.close();
    }
  });

  it('allows CORS only for the origins listed, and limits the request rate', async () => {
    const t = await startTestApp({
      env: { CORS_ORIGINS: 'https://khcn.example.vn', RATE_LIMIT_PER_MINUTE: '5' },
    });
    try {
      const allowed = await request(t.http)
        .get('/api/v1/auth/me')
        .set('Origin', 'https://khcn.example.vn');
      expect(allowed.headers['access-control-allow-origin']).toBe('https://khcn.example.vn');
      const other = await request(t.http)
        .get('/api/v1/auth/me')
        .set('Origin', 'https://evil.example');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++)
        statuses.push((await request(t.http).get('/api/v1/auth/me')).status);
      expect(statuses.slice(-1)).toEqual([429]);
      const limited = await request(t.http).get('/api/v1/auth/me').expect(429);
      expect(limited.body.type).toBe('/problems/too-many-requests');
    } finally {
      await t.close();
    }
  });
});
