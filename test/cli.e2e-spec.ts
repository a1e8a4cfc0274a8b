import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import type { Server } from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { loadConfig } from '@app/platform';
import { createApiApp } from '../apps/api/src/bootstrap';
import { createTestDatabase, dropTestDatabase } from './support/test-app';
import { ensureBuilt } from './helpers/processes';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');
const FIXTURE = path.join(__dirname, 'fixtures', 'admin-units-small');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program to its end (killing it after `timeoutMs`), with the environment given. */
function run(args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('The CLI (the built program, on a database of its own)', () => {
  let url: string;
  let env: Record<string, string>;
  let app: NestFastifyApplication | undefined;
  let http: Server;
  const cli = (...args: string[]) => run([CLI, ...args], env);
  const sql = async (text: string) => {
    const db = new Client({ connectionString: url });
    await db.connect();
    try {
      return (await db.query<Record<string, string>>(text)).rows;
    } finally {
      await db.end();
    }
  };
  const countUnits = async () => {
    const db = new Client({ connectionString: url });
    await db.connect();
    try {
      const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM admin_unit');
      return Number(rows[0].n);
    } finally {
      await db.end();
    }
  };

  /** No stack trace: no "    at fn (file:line)" frames, no "Error: …\n    at". */
  const expectCleanFailure = (result: Run, message: RegExp) => {
    expect({ code: result.code, stderr: result.stderr }).toEqual({
      code: 1,
      stderr: expect.stringMatching(message),
    });
    expect(result.stderr).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)/m);
    expect(result.stderr).not.toMatch(/node:internal|\.js:\d+/);
  };

  beforeAll(async () => {
    await ensureBuilt();
    // An empty database (not a copy of the migrated template): `migrate` has work to do.
    url = await createTestDatabase({ label: 'cli', migrated: false });
    env = { DATABASE_URL: url, LOG_LEVEL: 'warn' };
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    if (url) await dropTestDatabase(url);
  });

  it('migrate applies the migrations, and --status lists them as applied', async () => {
    const migrate = await cli('migrate');
    expect(migrate).toMatchObject({ code: 0, stderr: '' });
    expect(migrate.stdout).toMatch(/^Applied: \w+\d{13}/);

    const [again, after] = await Promise.all([cli('migrate'), cli('migrate', '--status')]);
    expect(again).toMatchObject({ code: 0, stdout: 'The database is up to date\n' });
    const names = migrate.stdout
      .replace(/^Applied: /, '')
      .trim()
      .split(', ');
    expect(after).toMatchObject({
      code: 0,
      stdout: names.map((name) => `applied  ${name}\n`).join(''),
    });
  });

  it('admin-units:import --dry-run checks the files and writes nothing', async () => {
    const dry = await cli('admin-units:import', '--dir', FIXTURE, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/Read 10 units before the reform, 6 after, 11 successor links/);
    expect(dry.stdout).toMatch(/Dry run \(nothing written\): would have inserted 16, updated 0/);
    // Not a terminal: progress comes as plain lines on stderr.
    expect(dry.stderr).toMatch(/^units: 16 to write$/m);
    expect(await countUnits()).toBe(0);
  });

  let demoPasswords: Record<string, string>;

  it('seed:demo works beside units made by hand, completes a run cut short, and changes nothing the third time', async () => {
    // A province, a district and a ward made by hand before any official list is loaded.
    await sql(
      `INSERT INTO admin_unit (id, code, name, level, subtype, parent_id)
       VALUES ('00000000-0000-4000-8000-000000000099', '99', 'Tỉnh Thử', 'province', 'tinh', NULL),
              ('00000000-0000-4000-8000-000000000998', '998', 'Huyện Thử', 'district', 'huyen', '00000000-0000-4000-8000-000000000099'),
              ('00000000-0000-4000-8000-000000099990', '99990', 'Xã Thử', 'commune', 'xa', '00000000-0000-4000-8000-000000000998')`,
    );
    // A run cut short after the registry part (a test hook stands for a kill).
    const cut = await run([CLI, 'seed:demo'], { ...env, ST_SEED_DEMO_STOP_AFTER: 'registry' });
    expect(cut.code).toBe(0);
    expect(cut.stdout).toMatch(
      /Loaded the official administrative units: 14149 added, 0 corrected/,
    );

    const first = await cli('seed:demo');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/The official administrative units are already loaded/);
    expect(first.stdout).toMatch(/Demo data: created \d+ records, \d+ were already there/);
    const accounts = [...first.stdout.matchAll(/^ {2}(demo\.\w+) +(\w+) +(\S{24}) {2}(.+)$/gm)];
    expect(accounts.map((m) => [m[1], m[2], m[4]])).toEqual([
      ['demo.admin', 'admin', '—'],
      ['demo.staff', 'department_staff', 'Phòng Quản lý Công nghệ và Thị trường công nghệ'],
      ['demo.centre', 'unit_staff', 'Trung tâm Ứng dụng Tiến bộ Khoa học và Công nghệ'],
      ['demo.district', 'district_officer', 'Phòng Kinh tế quận Bình Thủy, Quận Bình Thủy (918)'],
      ['demo.leader', 'leadership', 'Sở Khoa học và Công nghệ thành phố Cần Thơ'],
    ]);
    demoPasswords = Object.fromEntries(accounts.map((m) => [m[1], m[3]]));
    // The official units stand beside the hand-made ones: quận Bình Thủy and its 8 wards in 2023.
    const wards = await sql(
      `SELECT w.code FROM admin_unit d JOIN admin_unit w ON w.parent_id = d.id
        WHERE d.code = '918' AND (d.valid_to IS NULL OR d.valid_to >= '2023-08-08')
          AND (d.valid_from IS NULL OR d.valid_from <= '2023-08-08') ORDER BY w.code`,
    );
    expect(wards.map((r) => r.code)).toHaveLength(8);
    expect(wards[0].code).toBe('31168');
    expect(await sql(`SELECT 1 FROM admin_unit WHERE code IN ('99', '998', '99990')`)).toHaveLength(
      3,
    );
    const sessions = await sql(
      `SELECT status, (SELECT count(*) FROM task t WHERE t.source_session_id = s.id) AS tasks
         FROM working_session s`,
    );
    expect(sessions).toEqual([{ status: 'closed', tasks: '3' }]);
    // The article's two certified enterprises, sample certificate numbers, a need to confirm each,
    // and the task to contact them about the first.
    const enterprises = await sql(
      `SELECT e.name, e.tax_code, c.certificate_number, c.status,
              (SELECT count(*) FROM support_need n WHERE n.enterprise_id = e.id AND n.status = 'reported') AS needs,
              (SELECT count(*) FROM task t WHERE t.subject_type = 'enterprise' AND t.subject_id = e.id) AS tasks
         FROM enterprise e JOIN st_enterprise_certificate c ON c.enterprise_id = e.id ORDER BY e.name`,
    );
    expect(enterprises).toEqual([
      {
        name: 'Công ty Cổ phần Dược thảo Fungi',
        tax_code: null,
        certificate_number: 'MẪU-02 (số mẫu)',
        status: 'valid',
        needs: '1',
        tasks: '0',
      },
      {
        name: 'Công ty TNHH sản xuất nhập khẩu Moringa Cần Thơ',
        tax_code: null,
        certificate_number: 'MẪU-01 (số mẫu)',
        status: 'valid',
        needs: '1',
        tasks: '1',
      },
    ]);
    // The six collective marks, being prepared (no application numbers invented), in SHTT-2023.
    const marks = await sql(
      `SELECT r.status, count(*) AS n, count(r.application_number) AS numbered
         FROM ip_registration r JOIN programme p ON p.id = r.programme_id AND p.code = 'SHTT-2023'
        GROUP BY r.status`,
    );
    expect(marks).toEqual([{ status: 'preparing', n: '6', numbered: '0' }]);

    const audit = await sql(`SELECT count(*) AS n FROM audit_event`);
    const second = await cli('seed:demo');
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(
      /The demo data is already there \(\d+ records\); nothing changed/,
    );
    expect(second.stdout).toMatch(/The official administrative units are already loaded/);
    expect(second.stdout).not.toMatch(/demo\.admin/);
    expect(await sql(`SELECT count(*) AS n FROM audit_event`)).toEqual(audit);
  }, 120_000);

  it('the demo accounts and a user made by user:create sign in to the API on the same database', async () => {
    const created = await cli('user:create', 'x.admin', '--role', 'admin', '--full-name', 'X Y');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^Created x\.admin \(admin, id [0-9a-f-]{36}\)$/m);
    const password = /^Password \(shown only now\): (\S+)$/m.exec(created.stdout)?.[1];
    expect(password).toHaveLength(24);

    app = await createApiApp(
      loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0', DATABASE_POOL_SIZE: '3' }),
      url,
    );
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    http = app.getHttpServer();

    const login = await request(http)
      .post('/api/v1/auth/login')
      .send({ username: 'x.admin', password })
      .expect(200);
    const token = (login.body as { accessToken: string }).accessToken;
    const me = await request(http)
      .get('/api/v1/auth/me')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(me.body).toMatchObject({ username: 'x.admin', role: 'admin', fullName: 'X Y' });

    const leader = await request(http)
      .post('/api/v1/auth/login')
      .send({ username: 'demo.leader', password: demoPasswords['demo.leader'] })
      .expect(200);
    expect(leader.body.accessToken).toEqual(expect.any(String));
    const units = await request(http)
      .get('/api/v1/admin-units?q=binh%20thuy&validOn=2023-08-08&level=district')
      .set('Authorization', `Bearer ${leader.body.accessToken}`)
      .expect(200);
    expect((units.body as { items: { code: string }[] }).items.map((u) => u.code)).toEqual(['918']);
  });

  it('user:reset-password sets a new password and ends the user’s tokens', async () => {
    const old = await cli(
      'user:create',
      'x.staff',
      '--role',
      'leadership',
      '--password',
      'an old password 12',
    );
    expect(old.code).toBe(0);
    expect(old.stdout).not.toMatch(/Password/);
    const login = await request(http)
      .post('/api/v1/auth/login')
      .send({ username: 'x.staff', password: 'an old password 12' })
      .expect(200);
    const token = (login.body as { accessToken: string }).accessToken;
    await request(http).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(200);

    const reset = await cli('user:reset-password', 'x.staff');
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(/New password set for x\.staff; their sessions have ended/);
    const password = /^Password \(shown only now\): (\S+)$/m.exec(reset.stdout)?.[1];
    expect(password).toHaveLength(24);

    await request(http).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
    await request(http)
      .post('/api/v1/auth/login')
      .send({ username: 'x.staff', password: 'an old password 12' })
      .expect(401);
    await request(http)
      .post('/api/v1/auth/login')
      .send({ username: 'x.staff', password })
      .expect(200);
  });

  it('fails with a clear message on stderr, exit code 1 and no stack trace', async () => {
    const [wizard, taken, nobody, missing] = await Promise.all([
      cli('user:create', 'x.wizard', '--role', 'wizard'),
      cli('user:create', 'x.admin', '--role', 'admin'),
      cli('user:reset-password', 'nobody.here'),
      cli('admin-units:import', '--dir', '/nonexistent'),
    ]);
    expectCleanFailure(wizard, /^Error: --role "wizard" is not a role: one of admin, .*leadership/);
    expectCleanFailure(taken, /^Error: .*x\.admin.* already taken/);
    expectCleanFailure(nobody, /^Error: .*nobody\.here/);
    expectCleanFailure(missing, /^Error: Cannot read \/nonexistent\/units-2024\.csv: ENOENT$/m);
  });

  it('names the bad line of a reference file, and writes nothing', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'st-tracker-cli-'));
    try {
      await fs.cp(FIXTURE, dir, { recursive: true });
      const file = path.join(dir, 'units-2024.csv');
      const lines = (await fs.readFile(file, 'utf8')).split('\n');
      lines[3] = lines[3].replace('commune,phuong', 'commune,quan'); // line 4
      await fs.writeFile(file, lines.join('\n'));
      const before = await countUnits();
      expectCleanFailure(
        await cli('admin-units:import', '--dir', dir),
        /^Error: units-2024\.csv line 4: subtype "quan" is not allowed for a commune$/m,
      );
      expect(await countUnits()).toBe(before);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('a wrong configuration value stops it, naming the variable', async () => {
    const bad = await run([CLI, 'migrate'], { ...env, DATABASE_POOL_SIZE: 'many' });
    expectCleanFailure(bad, /DATABASE_POOL_SIZE="many"/);
  });
});
