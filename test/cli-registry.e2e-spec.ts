import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { loadConfig } from '@app/platform';
import { CliModule } from '../apps/cli/src/cli.module';
import {
  OrganisationsFindCommand,
  UnitsFindCommand,
} from '../apps/cli/src/commands/registry-find.commands';
import { UserCreateCommand } from '../apps/cli/src/commands/user.commands';
import { CLI_MAIN, ensureBuilt, killAll, run, type Run } from './helpers/processes';
import { createTestDatabase, dropTestDatabase } from './support/test-app';

/**
 * Binding an account without reading UUIDs from the API: `units:find`, `organisations:find`, and
 * `user:create --organisation "<name>"` / `--unit "<name or code>"`, on the demo data and the
 * whole country's units; and messages that name the flag that is wrong.
 *
 * A few cases run the built program (flags parsed by commander, the message on stderr, the exit
 * code); the others run the same commands in this process, on the same database, to spare a
 * program start each.
 */
describe('The CLI finds units and organisations, and binds accounts by name', () => {
  let url: string;
  let context: INestApplicationContext;
  const cli = (...args: string[]) =>
    run([CLI_MAIN, ...args], { DATABASE_URL: url, LOG_LEVEL: 'warn' });

  /** Runs a command in this process: what it printed, or the message it failed with. */
  const inProcess = async (work: () => Promise<void>): Promise<string> => {
    let out = '';
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out += String(chunk);
      return true;
    });
    try {
      await work();
      return out;
    } catch (error) {
      return `Error: ${(error as Error).message}\n`;
    } finally {
      write.mockRestore();
    }
  };
  const findUnits = (text: string, options: { on?: string; level?: string } = {}) =>
    inProcess(() => context.get(UnitsFindCommand).run([text], options));
  const findOrganisations = (text: string) =>
    inProcess(() => context.get(OrganisationsFindCommand).run([text]));
  const createUser = (username: string, options: Record<string, string>) =>
    inProcess(() => context.get(UserCreateCommand).run([username], options));

  const binding = async (username: string) => {
    const db = new Client({ connectionString: url });
    await db.connect();
    try {
      const { rows } = await db.query<{ organisation: string | null; unit: string | null }>(
        `SELECT o.name AS organisation, a.name || ' ' || a.code AS unit
           FROM app_user u
           LEFT JOIN organisation o ON o.id = u.organisation_id
           LEFT JOIN admin_unit a ON a.id = u.admin_unit_id
          WHERE u.username = $1`,
        [username],
      );
      return rows[0];
    } finally {
      await db.end();
    }
  };

  /** A message on stderr, exit code 1, no stack trace. */
  const expectFailure = (result: Run, message: RegExp) => {
    expect({ code: result.code, stderr: result.stderr }).toEqual({
      code: 1,
      stderr: expect.stringMatching(message),
    });
    expect(result.stderr).not.toMatch(/^\s+at .+:\d+:\d+/m);
  };

  beforeAll(async () => {
    await ensureBuilt();
    url = await createTestDatabase({ label: 'cli_registry' });
    const seeded = await cli('seed:demo');
    if (seeded.code !== 0) throw new Error(`seed:demo failed: ${seeded.stderr}`);
    context = await NestFactory.createApplicationContext(
      CliModule.register({
        config: loadConfig({ LOG_LEVEL: 'silent', DATABASE_POOL_SIZE: '3' }),
        databaseUrl: url,
      }),
      { logger: false },
    );
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await killAll();
    if (url) await dropTestDatabase(url);
  });

  it('units:find ignores diacritics and case, and prints id, code, level, name, parent and validity', async () => {
    const all = await findUnits('BINH THUY');
    const lines = all.trimEnd().split('\n');
    // Every word in any order: "Xã Thụy Bình" too, after the units spelled "Bình Thủy".
    expect(lines.pop()).toBe('5 units');
    expect(lines[lines.length - 1]).toMatch(/Xã Thụy Bình/);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^ {2}[0-9a-f-]{36} {2}918 +district \(quan\) +Quận Bình Thủy {2}in Thành phố Cần Thơ {2}\[until 2025-06-30\]$/,
        ),
        expect.stringMatching(
          / {2}31168 .*Phường Bình Thủy {2}in Thành phố Cần Thơ {2}\[from 2025-07-01\]$/,
        ),
      ]),
    );
    expect(await findUnits('918')).toMatch(/Quận Bình Thủy[^\n]*\n1 unit\n$/);
    expect(await findUnits('no such place')).toBe(
      'No administrative unit matches "no such place"\n',
    );
    expect(await findUnits('x', { on: '8/8/2023' })).toMatch(
      /^Error: --on "8\/8\/2023" is not a date: use YYYY-MM-DD/,
    );
    expect(await findUnits('x', { level: 'ward' })).toMatch(
      /^Error: --level "ward" is not a level: one of province, district, commune/,
    );

    // The program itself, with its flags.
    const district = await cli(
      'units:find',
      'bình thủy',
      '--on',
      '2023-08-08',
      '--level',
      'district',
    );
    expect(district).toMatchObject({ code: 0, stderr: '' });
    expect(district.stdout).toMatch(/^ {2}[0-9a-f-]{36} {2}918 .*Quận Bình Thủy.*\n1 unit\n$/);
  });

  it('organisations:find prints id, kind, name (short name) and parent', async () => {
    const found = await findOrganisations('trung tam');
    expect(found).toMatch(
      /^ {2}[0-9a-f-]{36} {2}department_unit +Trung tâm Thông tin Khoa học và Công nghệ \(Trung tâm Thông tin KH&CN\) {2}under Sở Khoa học và Công nghệ thành phố Cần Thơ$/m,
    );
    expect(found.trim().split('\n')).toHaveLength(3);
    expect(found).toMatch(/\n2 organisations\n$/);
  });

  it('user:create --organisation binds by name; an ambiguous name is refused, listing the candidates', async () => {
    const ambiguous = await cli(
      'user:create',
      'x.centre',
      '--role',
      'unit_staff',
      '--organisation',
      'trung tam',
    );
    expectFailure(
      ambiguous,
      /^Error: --organisation "trung tam" matches 2 organisations; give the whole name or --organisation-id:\n {2}[0-9a-f-]{36} {2}department_unit +Trung tâm Thông tin/,
    );
    expect(ambiguous.stderr).toMatch(/Trung tâm Ứng dụng Tiến bộ Khoa học và Công nghệ/);
    expect(await binding('x.centre')).toBeUndefined();

    const created = await createUser('x.centre', {
      role: 'unit_staff',
      organisation: 'trung tam thong tin kh&cn',
    });
    expect(created).toMatch(/^Organisation: Trung tâm Thông tin Khoa học và Công nghệ \(/m);
    expect(await binding('x.centre')).toEqual({
      organisation: 'Trung tâm Thông tin Khoa học và Công nghệ',
      unit: null,
    });
  });

  it('user:create --unit binds by name or code; several matches are refused, listing them', async () => {
    const ambiguous = await createUser('x.district', {
      role: 'district_officer',
      unit: 'binh thuy',
    });
    expect(ambiguous).toMatch(
      /^Error: --unit "binh thuy" matches 5 units; give its code, --on YYYY-MM-DD or --admin-unit-id:\n/,
    );
    expect(ambiguous).toMatch(/ 918 +district \(quan\) +Quận Bình Thủy/);

    const byName = await cli(
      'user:create',
      'x.district',
      '--role',
      'district_officer',
      '--unit',
      'quan binh thuy',
    );
    expect(byName).toMatchObject({ code: 0, stderr: '' });
    expect(byName.stdout).toMatch(/^Administrative unit: Quận Bình Thủy, code 918 \(/m);
    expect(await binding('x.district')).toEqual({
      organisation: null,
      unit: 'Quận Bình Thủy 918',
    });

    // Code 31168 is a ward before and after the reform: the date picks one.
    expect(await createUser('x.ward', { role: 'district_officer', unit: '31168' })).toMatch(
      /^Error: --unit "31168" matches 2 units/,
    );
    expect(
      await createUser('x.ward', { role: 'district_officer', unit: '31168', on: '2025-07-01' }),
    ).toMatch(/^Administrative unit: Phường Bình Thủy, code 31168 /m);
    expect(await binding('x.ward')).toEqual({ organisation: null, unit: 'Phường Bình Thủy 31168' });

    expect(
      await createUser('x.province', {
        role: 'district_officer',
        unit: 'thanh pho can tho',
        on: '2023-08-08',
      }),
    ).toMatch(
      /^Error: --unit "thanh pho can tho" matches only provinces; a district officer is bound to a district or a commune/,
    );
  });

  it('a wrong id or a missing binding names the flag, not a column or an SQL error', async () => {
    const badOrg = await cli(
      'user:create',
      'x.bad1',
      '--role',
      'unit_staff',
      '--organisation-id',
      'nope',
    );
    expectFailure(
      badOrg,
      /^Error: --organisation-id "nope" is not an id \(a UUID such as .*\); --organisation "<name>" finds it by name\n$/,
    );
    const messages = [
      await createUser('x.bad2', { role: 'district_officer', adminUnitId: '918' }),
      await createUser('x.bad3', { role: 'unit_staff' }),
      await createUser('x.bad4', {
        role: 'unit_staff',
        organisationId: '0b6f2c1e-1d2e-4f3a-8b4c-5d6e7f8a9b0c',
      }),
      await createUser('x.bad5', { role: 'leadership', password: 'x.bad5 and more' }),
    ];
    expect(messages).toEqual([
      expect.stringMatching(
        /^Error: --admin-unit-id "918" is not an id .*--unit "<name or code>" finds it/,
      ),
      'Error: --organisation-id (or --organisation): is required for unit_staff\n',
      'Error: --organisation-id (or --organisation): no organisation has this id\n',
      'Error: --password: must not contain the username\n',
    ]);
    for (const message of [badOrg.stderr, ...messages]) {
      expect(message).not.toMatch(/invalid input syntax|organisationId|adminUnitId/);
    }
  });
});
