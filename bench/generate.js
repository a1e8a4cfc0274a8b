#!/usr/bin/env node
// `npm run bench -- generate`: a province's ten years of data for the benchmark, deterministic
// from a seed (same seed, same rows, uuids included). Old Thành phố Cần Thơ (code 92, its 9
// districts and their wards and communes as they were until 30 June 2025), about 200
// organisations and 2,000 people, 2016–2025: 100,000 working sessions with participants and
// minutes, 1,000,000 tasks, 20,000 IP registrations with their events, 5,000 enterprises with
// certificates and support needs, 5,000 projects with 200,000 households and indicators, and the
// audit trail they leave; loaded with COPY into the migrated schema, against the built code in dist/.
//
//   node bench/generate.js [--smoke] [--seed N] [--out manifest.json]
//
// Database: BENCH_DATABASE_URL (created on its server if missing, dropped and created again
// here), else an embedded PostgreSQL in bench/.data/pg. Writes bench/.data/manifest.json: the
// seed, timings, row counts, the bench accounts with their passwords, sample ids and create bodies.
const { promises: fs } = require('node:fs');
const path = require('node:path');
const { Client } = require('pg');
const { DataSource } = require('typeorm');

const { ROOT, DIST, table } = require('./lib');
const platform = require(path.join(DIST, 'libs', 'platform', 'src', 'index.js'));
const registryLib = require(path.join(DIST, 'libs', 'registry', 'src', 'index.js'));
const { APP_SCHEMA } = require(path.join(DIST, 'apps', 'api', 'src', 'schema.js'));
const { stream } = require('./generate/random');
const { copyTables } = require('./generate/copy');
const schema = require('./generate/schema');
const data = require('./generate/data');

const { OFFICER_DISTRICT } = data;

const DATA_DIR = path.join(__dirname, '.data');
const MANIFEST = path.join(DATA_DIR, 'manifest.json');
/** The report's year; the district is the bench's district officer's (quận Bình Thủy). */
const REPORT_YEAR = 2024;

/** Session settings of every loading connection: a bulk load on a database made to be thrown away. */
const SETTINGS = [
  'SET synchronous_commit = off',
  // No triggers while loading (the report tally's would lock sessions against the tasks' stream);
  // the tally is recounted once at the end. Needs a superuser, as the rebuild of keys does.
  'SET session_replication_role = replica',
  "SET maintenance_work_mem = '512MB'",
  "SET work_mem = '64MB'",
  'SET max_parallel_maintenance_workers = 1',
];

function defaultLog(message) {
  process.stderr.write(`${message}\n`);
}

function since(started) {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

const round = (s) => Math.round(s * 100) / 100;

function databaseName(url) {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/**
 * The benchmark's database: BENCH_DATABASE_URL's (created when missing; `fresh` drops and creates
 * it again, never the one DATABASE_URL names), else the embedded server of bench/.data/pg
 * (`fresh` starts from an empty directory). `close()` stops an embedded server, keeping its data.
 */
async function openBenchDatabase({ fresh = false, log = defaultLog } = {}) {
  const url = process.env.BENCH_DATABASE_URL;
  if (url) {
    const name = databaseName(url);
    if (process.env.DATABASE_URL && databaseName(process.env.DATABASE_URL) === name) {
      throw new Error(
        `BENCH_DATABASE_URL names the database "${name}", the one DATABASE_URL uses: the bench drops and refills its database, so give it one of its own`,
      );
    }
    const server = new URL(url);
    server.pathname = '/postgres';
    const admin = new Client({ connectionString: server.toString() });
    await admin.connect();
    try {
      const quoted = admin.escapeIdentifier(name);
      if (fresh) await admin.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
      const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
        name,
      ]);
      if (rowCount === 0) await admin.query(`CREATE DATABASE ${quoted}`);
    } finally {
      await admin.end();
    }
    return { kind: 'server', url, async close() {} };
  }
  const dataDir = path.join(DATA_DIR, 'pg');
  if (fresh) await fs.rm(dataDir, { recursive: true, force: true });
  await fs.mkdir(dataDir, { recursive: true });
  // As root the server runs as `postgres`, which must enter the directories down to its cluster.
  await fs.chmod(DATA_DIR, 0o755);
  await fs.chmod(dataDir, 0o755);
  const handle = await platform.openEmbeddedPostgres({ dataDir, database: 'st_bench', log });
  return {
    kind: 'embedded',
    url: handle.url,
    dataDir,
    close: () => handle.stop(),
  };
}

/** Old Cần Thơ (92, until 30 June 2025) with its districts and their communes, and the city now. */
async function readUnits(client) {
  const { rows } = await client.query(
    `SELECT u.id, u.code, u.name, u.subtype, u.level, u.parent_id AS "parentId", u.valid_to AS "validTo"
       FROM admin_unit u
      WHERE u.deleted_at IS NULL AND (u.code = '92' OR u.id IN (
              SELECT d.id FROM admin_unit d JOIN admin_unit p ON p.id = d.parent_id
               WHERE p.code = '92' AND p.valid_to = '2025-06-30'
              UNION
              SELECT c.id FROM admin_unit c JOIN admin_unit d ON d.id = c.parent_id
                JOIN admin_unit p ON p.id = d.parent_id
               WHERE p.code = '92' AND p.valid_to = '2025-06-30'))
      ORDER BY lpad(u.code, 12, '0'), u.id`,
  );
  const provinceOld = rows.find((u) => u.code === '92' && u.validTo !== null);
  const provinceNow = rows.find((u) => u.code === '92' && u.validTo === null);
  if (!provinceOld || !provinceNow) {
    throw new Error(
      'The official units of Cần Thơ (92) are missing: import them first (admin-units:import)',
    );
  }
  const districts = rows
    .filter((u) => u.parentId === provinceOld.id)
    .map((d) => ({ ...d, communes: rows.filter((c) => c.parentId === d.id) }));
  if (districts.length === 0 || districts.some((d) => d.communes.length === 0)) {
    throw new Error('Old Cần Thơ has no districts or a district has no communes');
  }
  return {
    provinceOld,
    provinceNow,
    districts,
    district: (code) => districts.find((d) => d.code === code) ?? districts[0],
  };
}

/** The bench's accounts: one per role, with passwords derived from the seed (printed in the manifest). */
function planAccounts(seed, registry, units) {
  const ids = stream(seed, 'accounts');
  const officerDistrict = units.district(OFFICER_DISTRICT);
  const account = (key, username, role, fullName, binding = {}) => ({
    key,
    id: ids.uuid(),
    username,
    password: `Bench ${key} ${seed} passphrase`,
    role,
    fullName,
    organisationId: binding.organisationId ?? null,
    adminUnitId: binding.adminUnitId ?? null,
  });
  return [
    account('admin', 'bench.admin', 'admin', 'Quản trị hệ thống (bench)'),
    account('leadership', 'bench.leader', 'leadership', 'Lãnh đạo Sở (bench)'),
    account('departmentStaff', 'bench.staff', 'department_staff', 'Chuyên viên Sở (bench)', {
      organisationId: registry.department.id,
    }),
    account(
      'districtOfficer',
      'bench.district',
      'district_officer',
      `Cán bộ ${officerDistrict.name} (bench)`,
      {
        adminUnitId: officerDistrict.id,
      },
    ),
    account('unitStaff', 'bench.unit', 'unit_staff', 'Cán bộ Trung tâm Ứng dụng (bench)', {
      organisationId: registry.applicationCentre.id,
    }),
  ];
}

/** Refuses a database that already holds records: the load empties the tables it fills. */
async function assertEmpty(client) {
  const { rows } = await client.query(
    `SELECT (SELECT count(*) FROM app_user)::int + (SELECT count(*) FROM organisation)::int
          + (SELECT count(*) FROM task)::int AS n`,
  );
  if (rows[0].n > 0) {
    throw new Error('The database already holds accounts or records: generate into a fresh one');
  }
}

async function ids(client, sql, params) {
  return (await client.query(sql, params)).rows.map((r) => r.id);
}

/** Ids the load scenarios use, and create bodies that pass the API's checks for their roles. */
async function collectSamples(client, registry, units, size = 50) {
  const code = units.district(OFFICER_DISTRICT).code;
  const district = registry.districts.find((d) => d.code === code);
  const inDistrict = [district.id, ...district.communes.map((c) => c.id)];
  const p = [inDistrict, size];
  const heldSession = await ids(
    client,
    `SELECT id FROM working_session WHERE host_admin_unit_id = ANY($1) AND status = 'held' ORDER BY id LIMIT 1`,
    [inDistrict],
  );
  const ward = district.communes[0];
  const local =
    district.locals.find((o) => o.kind === 'cooperative') ?? district.locals[0] ?? ward.committee;
  const ipProgramme = registry.programmes.find((g) => g.code === 'SHTT-2021-2025');
  const agriProgramme = registry.programmes.find((g) => g.code === 'NTM-KHCN-2016-2025');
  const leader = registry.leaders[0];
  return {
    // Readable by the district officer; changeable by them where their role may (IP
    // registrations, enterprises, projects) and by the Department's staff (tasks, sessions).
    tasks: await ids(
      client,
      `SELECT t.id FROM task t
        WHERE t.source_session_id IN (SELECT s.id FROM working_session s WHERE s.host_admin_unit_id = ANY($1))
        ORDER BY t.id LIMIT $2`,
      p,
    ),
    workingSessions: await ids(
      client,
      `SELECT id FROM working_session WHERE host_admin_unit_id = ANY($1) AND status IN ('planned', 'held')
        ORDER BY id LIMIT $2`,
      p,
    ),
    ipRegistrations: await ids(
      client,
      'SELECT id FROM ip_registration WHERE admin_unit_id = ANY($1) ORDER BY id LIMIT $2',
      p,
    ),
    enterprises: await ids(
      client,
      'SELECT id FROM enterprise WHERE admin_unit_id = ANY($1) ORDER BY id LIMIT $2',
      p,
    ),
    projects: await ids(
      client,
      `SELECT p.id FROM project p
        WHERE p.status NOT IN ('completed', 'cancelled')
          AND EXISTS (SELECT 1 FROM project_admin_unit l WHERE l.project_id = p.id AND l.admin_unit_id = ANY($1))
        ORDER BY p.id LIMIT $2`,
      p,
    ),
    // Anywhere in the province: what leadership (or any Department role) reads.
    any: {
      tasks: await ids(client, 'SELECT id FROM task ORDER BY id LIMIT $1', [size]),
      workingSessions: await ids(client, 'SELECT id FROM working_session ORDER BY id LIMIT $1', [
        size,
      ]),
      ipRegistrations: await ids(client, 'SELECT id FROM ip_registration ORDER BY id LIMIT $1', [
        size,
      ]),
      enterprises: await ids(client, 'SELECT id FROM enterprise ORDER BY id LIMIT $1', [size]),
      projects: await ids(client, 'SELECT id FROM project ORDER BY id LIMIT $1', [size]),
    },
    leadOrganisationId: registry.applicationCentre.id,
    programmeId: ipProgramme.id,
    districtAdminUnitId: district.id,
    adminUnitIds: district.communes.map((c) => c.id),
    districtOrganisationIds: [
      district.committee.id,
      ...district.offices.map((o) => o.id),
      ...district.locals.map((o) => o.id),
    ],
    personId: leader.id,
    sessionId: heldSession[0] ?? null,
    // Bodies of a create that passes as the role named (the Department's staff may do all five).
    create: {
      task: {
        role: 'departmentStaff',
        body: {
          title: `Hỗ trợ hợp tác xã ${lowerFirst(ward.name)} đăng ký nhãn hiệu tập thể`,
          leadOrganisationId: registry.applicationCentre.id,
          coOrganisationIds: [district.offices[0].id],
          assignedByPersonId: leader.id,
          ...(heldSession[0] ? { sourceSessionId: heldSession[0] } : {}),
          dueDate: '2026-12-31',
          priority: 'normal',
        },
      },
      workingSession: {
        role: 'departmentStaff',
        body: {
          kind: 'working_visit',
          title: `Làm việc với UBND ${lowerFirst(district.name)} về công tác sở hữu trí tuệ`,
          startsAt: '2025-05-20T08:00:00+07:00',
          venue: `Hội trường UBND ${lowerFirst(district.name)}`,
          hostAdminUnitId: district.id,
          reportingYear: 2025,
          topics: ['intellectual_property'],
        },
      },
      ipRegistration: {
        role: 'districtOfficer',
        body: {
          kind: 'collective_mark',
          name: `Nấm bào ngư ${ward.name.replace(/^(Phường|Xã|Thị trấn)\s+/, '')}`,
          product: 'Nấm bào ngư',
          niceClasses: [31],
          adminUnitId: ward.id,
          supportYear: 2025,
          ownerOrganisationId: local.id,
          supportingOrganisationId: district.committee.id,
          programmeId: ipProgramme.id,
        },
      },
      enterprise: {
        role: 'districtOfficer',
        body: {
          name: `Công ty TNHH Nông sản sạch ${ward.name.replace(/^(Phường|Xã|Thị trấn)\s+/, '')}`,
          legalForm: 'llc',
          adminUnitId: ward.id,
          sector: 'Chế biến nông sản',
        },
      },
      project: {
        role: 'districtOfficer',
        body: {
          kind: 'agricultural_model',
          title: `Xây dựng mô hình trồng khổ qua theo hướng VietGAP tại ${lowerFirst(ward.name)}`,
          programmeId: agriProgramme.id,
          leadOrganisationId: district.committee.id,
          adminUnitIds: [ward.id],
          plannedStart: '2025-03-01',
          plannedEnd: '2025-12-31',
        },
      },
    },
  };
}

function lowerFirst(name) {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/**
 * Fills a freshly migrated database (official units imported) with the province's ten years;
 * returns the manifest and writes it (to `out`, by default bench/.data/manifest.json).
 */
async function generate({
  url,
  seed = 1,
  scale = 'full',
  log = defaultLog,
  out = MANIFEST,
  seconds: prior = {},
}) {
  const sizes = data.SCALES[scale];
  if (!sizes) throw new Error(`Unknown scale "${scale}": full or smoke`);
  seed = Number(seed);
  if (!Number.isSafeInteger(seed)) throw new Error(`The seed must be an integer; got ${seed}`);
  const started = process.hrtime.bigint();
  const client = await schema.connect(url, SETTINGS);
  try {
    await assertEmpty(client);
    const units = await readUnits(client);
    const registry = data.planRegistry(seed, sizes, units);
    const accounts = planAccounts(seed, registry, units);
    const hashes = Promise.all(accounts.map((a) => platform.hashPassword(a.password)));
    const actors = { staff: accounts.find((a) => a.key === 'departmentStaff').id };

    let phase = process.hrtime.bigint();
    const tables = Object.keys(data.TABLES);
    const definitions = await schema.readDefinitions(client, tables);
    await schema.dropAll(client, definitions);
    const load = { dropIndexes: since(phase) };
    log(
      `Generating (${scale}, seed ${seed}): ${tables.length} tables, keys and indexes dropped for the load`,
    );

    phase = process.hrtime.bigint();
    const loaded = await copyTables(url, SETTINGS, data.TABLES, async (t) => {
      const audit = new data.Audit(t.audit_event, stream(seed, 'audit-ids'));
      const step = async (name, fn) => {
        const at = process.hrtime.bigint();
        await fn();
        load[name] = since(at);
        log(`  ${name}: ${round(load[name])} s`);
      };
      await step('registry', async () => {
        for (const a of accounts) {
          await audit.write(registry.created, null, 'user', a.id, 'create', null, {
            id: a.id,
            username: a.username,
            role: a.role,
            version: 1,
          });
        }
        await data.writeRegistry(t, audit, registry, actors);
      });
      await step('ipRegistrations', () => data.writeIp(t, audit, seed, sizes, registry, actors));
      await step('enterprises', () =>
        data.writeEnterprises(t, audit, seed, sizes, registry, actors),
      );
      await step('projects', () => data.writeProjects(t, audit, seed, sizes, registry, actors));
      await step('sessionsAndTasks', () =>
        data.writeSessions(t, audit, seed, sizes, registry, actors),
      );
      phase = process.hrtime.bigint();
    });
    load.drain = since(phase);
    const counts = Object.fromEntries(Object.entries(loaded).map(([table, r]) => [table, r.rows]));

    const passwordHashes = await hashes;
    for (const [i, a] of accounts.entries()) {
      await client.query(
        `INSERT INTO app_user (id, created_at, updated_at, version, username, password_hash, full_name, role, organisation_id, admin_unit_id, active)
         VALUES ($1, $2, $2, 1, $3, $4, $5, $6, $7, $8, true)`,
        [
          a.id,
          data.instant(registry.created),
          a.username,
          passwordHashes[i],
          a.fullName,
          a.role,
          a.organisationId,
          a.adminUnitId,
        ],
      );
    }
    counts.app_user = accounts.length;
    await client.query(
      `SELECT setval(pg_get_serial_sequence('audit_event', 'seq'), greatest((SELECT max(seq) FROM audit_event), 1))`,
    );

    phase = process.hrtime.bigint();
    log('  rebuilding keys, indexes and foreign keys');
    const perTable = await schema.rebuildAll(url, SETTINGS, definitions, counts);
    load.rebuild = since(phase);
    for (const [table, s] of Object.entries(perTable)) perTable[table] = round(s);

    const samples = await collectSamples(client, registry, units);
    const district = units.district(OFFICER_DISTRICT);
    const manifest = {
      seed,
      scale,
      generatedAt: new Date().toISOString(),
      seconds: {
        ...prior,
        generate: round(since(started)),
        load: Object.fromEntries(Object.entries(load).map(([k, v]) => [k, round(v)])),
        perTable,
      },
      counts,
      accounts: Object.fromEntries(
        accounts.map((a) => [
          a.key,
          {
            id: a.id,
            username: a.username,
            password: a.password,
            role: a.role,
            ...(a.adminUnitId ? { adminUnitId: a.adminUnitId, adminUnitName: district.name } : {}),
            ...(a.organisationId ? { organisationId: a.organisationId } : {}),
          },
        ]),
      ),
      samples,
      report: { adminUnitId: district.id, adminUnitName: district.name, year: REPORT_YEAR },
    };
    await writeManifest(out, manifest);
    return manifest;
  } finally {
    await client.end();
  }
}

async function writeManifest(file, manifest) {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(`${file}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`);
  await fs.rename(`${file}.tmp`, file);
}

function parseArgs(argv) {
  const options = { scale: 'full', seed: 1, out: MANIFEST };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--smoke') options.scale = 'smoke';
    else if (arg === '--seed') options.seed = Number(argv[++i]);
    else if (arg.startsWith('--seed=')) options.seed = Number(arg.slice(7));
    else if (arg === '--out') options.out = path.resolve(argv[++i]);
    else if (arg === 'generate') continue;
    else throw new Error(`Unknown argument ${arg}: use [--smoke] [--seed N] [--out FILE]`);
  }
  if (!Number.isSafeInteger(options.seed)) throw new Error('--seed takes an integer');
  return options;
}

/**
 * Migrations, the official units, the data, the report tally recounted, VACUUM (ANALYZE), on an empty
 * database; returns the manifest (also written to `options.out`).
 */
async function prepare(database, options) {
  const started = process.hrtime.bigint();
  let phase = process.hrtime.bigint();
  const dataSource = new DataSource(
    platform.buildDataSourceOptions(database.url, APP_SCHEMA, { poolSize: 2 }),
  );
  await dataSource.initialize();
  let migrate;
  let units;
  try {
    await platform.runMigrationsLocked(dataSource);
    migrate = since(phase);
    phase = process.hrtime.bigint();
    const imported = await registryLib.importAdminUnits(
      dataSource,
      await registryLib.readReferenceData(),
    );
    units = since(phase);
    defaultLog(
      `Migrated in ${round(migrate)} s; ${imported.inserted} official units imported in ${round(units)} s`,
    );
  } finally {
    await dataSource.destroy();
  }
  const manifest = await generate({
    url: database.url,
    seed: options.seed,
    scale: options.scale,
    out: options.out,
    seconds: { migrate: round(migrate), units: round(units) },
  });
  phase = process.hrtime.bigint();
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    // The tally the reports read is kept by triggers; a bulk load recounts it once, to be sure.
    await client.query('SELECT reporting.rebuild_task_tally()');
    // VACUUM too, as a database years old has been: visibility maps set (index-only scans read no
    // table pages), and autovacuum does not wake for the bulk load during the next run's load (it
    // did, on the tasks and the audit events, and slowed that run's scenarios).
    await client.query('VACUUM (ANALYZE)');
  } finally {
    await client.end();
  }
  manifest.seconds.analyze = round(since(phase));
  manifest.seconds.total = round(since(started));
  manifest.database = {
    kind: database.kind,
    ...(database.dataDir ? { dataDir: path.relative(ROOT, database.dataDir) } : {}),
  };
  await writeManifest(options.out, manifest);
  return manifest;
}

/** The command: a fresh bench database, everything `prepare` does, a summary. */
async function main(argv = process.argv.slice(2)) {
  const options = parseArgs(argv);
  const database = await openBenchDatabase({ fresh: true });
  try {
    const manifest = await prepare(database, options);
    const { seconds, counts } = manifest;
    const rows = [['table', 'rows', 'keys+indexes s']];
    for (const [name, n] of Object.entries(counts).sort((a, b) => b[1] - a[1])) {
      rows.push([name, n.toLocaleString('en'), seconds.perTable[name] ?? '']);
    }
    process.stdout.write(`\n${table(rows)}\n`);
    process.stdout.write(
      table([
        ['step', 'seconds'],
        ['migrations', seconds.migrate],
        ['official units import', seconds.units],
        ...Object.entries(seconds.load).map(([k, v]) => [`load: ${k}`, v]),
        ['VACUUM (ANALYZE)', seconds.analyze],
        ['total', seconds.total],
      ]),
    );
    process.stdout.write(
      `\nSeed ${manifest.seed}, ${manifest.scale} scale, ${database.kind} database; ` +
        `manifest: ${path.relative(process.cwd(), options.out)}\n`,
    );
    return manifest;
  } finally {
    await database.close();
  }
}

/** The manifest of the last `generate` into the bench database. */
async function readManifest(file = MANIFEST) {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (error) {
    if (error.code === 'ENOENT') {
      throw new Error(
        `No bench data yet (${path.relative(process.cwd(), file)}): run npm run bench -- generate first`,
        { cause: error },
      );
    }
    throw error;
  }
}

module.exports = { openBenchDatabase, generate, prepare, readManifest, main, MANIFEST };

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`The generator failed: ${error.stack ?? error}\n`);
    process.exitCode = 1;
  });
}
