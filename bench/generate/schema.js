// A bulk load without the per-row cost of indexes and foreign keys: their definitions are read from
// the migrated schema, they are dropped, the tables are loaded, and the very same definitions are
// built again (sorted index builds, two at a time; foreign keys added NOT VALID, then validated in
// one pass each). The schema the load leaves is the migrations' own, names included.
const { Client } = require('pg');

async function connect(url, settings) {
  const client = new Client({ connectionString: url, application_name: 'st-bench-generate' });
  await client.connect();
  for (const statement of settings) await client.query(statement);
  return client;
}

/** The constraints and indexes of `tables` (and the foreign keys pointing at them). */
async function readDefinitions(client, tables) {
  const { rows: constraints } = await client.query(
    `SELECT c.conname AS name, c.conrelid::regclass::text AS "table", c.contype AS type,
            pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c
      WHERE c.contype IN ('p', 'u', 'x', 'f')
        AND (c.conrelid::regclass::text = ANY($1) OR c.confrelid::regclass::text = ANY($1))
      ORDER BY c.conname`,
    [tables],
  );
  const { rows: indexes } = await client.query(
    `SELECT i.indexrelid::regclass::text AS name, i.indrelid::regclass::text AS "table",
            pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
      WHERE i.indrelid::regclass::text = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
      ORDER BY 1`,
    [tables],
  );
  const foreign = constraints.filter((c) => c.type === 'f');
  // A key or exclusion constraint of a table not loaded here stays (only foreign keys to ours go).
  const keys = constraints.filter((c) => c.type !== 'f' && tables.includes(c.table));
  return { foreign, keys, indexes };
}

async function dropAll(client, { foreign, keys, indexes }) {
  await client.query('BEGIN');
  for (const c of foreign) await client.query(`ALTER TABLE ${c.table} DROP CONSTRAINT "${c.name}"`);
  for (const i of indexes) await client.query(`DROP INDEX ${i.name}`);
  for (const c of keys) await client.query(`ALTER TABLE ${c.table} DROP CONSTRAINT "${c.name}"`);
  await client.query('COMMIT');
}

/** Runs the statements on `width` connections at once, the longest first; times each table's. */
async function runParallel(url, settings, statements, width, timing) {
  const queue = [...statements].sort((a, b) => b.weight - a.weight);
  const clients = await Promise.all(Array.from({ length: width }, () => connect(url, settings)));
  try {
    await Promise.all(
      clients.map(async (client) => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const started = process.hrtime.bigint();
          await client.query(next.sql);
          const s = Number(process.hrtime.bigint() - started) / 1e9;
          timing[next.table] = (timing[next.table] ?? 0) + s;
        }
      }),
    );
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

/**
 * Builds again what `dropAll` dropped: keys, then indexes, then foreign keys. `rows` (table → row
 * count) orders the work, biggest first; returns the seconds spent per table.
 */
async function rebuildAll(url, settings, definitions, rows, width = 2) {
  const weight = (table) => rows[table] ?? 0;
  const timing = {};
  await runParallel(
    url,
    settings,
    definitions.keys.map((c) => ({
      table: c.table,
      weight: weight(c.table),
      sql: `ALTER TABLE ${c.table} ADD CONSTRAINT "${c.name}" ${c.definition}`,
    })),
    width,
    timing,
  );
  await runParallel(
    url,
    settings,
    definitions.indexes.map((i) => ({
      table: i.table,
      weight: weight(i.table),
      sql: i.definition,
    })),
    width,
    timing,
  );
  // NOT VALID takes the locks only for a moment; VALIDATE reads each table once without blocking
  // the validations of other tables (no lock order to deadlock on).
  const client = await connect(url, settings);
  try {
    await client.query('BEGIN');
    for (const c of definitions.foreign) {
      await client.query(
        `ALTER TABLE ${c.table} ADD CONSTRAINT "${c.name}" ${c.definition} NOT VALID`,
      );
    }
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
  await runParallel(
    url,
    settings,
    definitions.foreign.map((c) => ({
      table: c.table,
      weight: weight(c.table),
      sql: `ALTER TABLE ${c.table} VALIDATE CONSTRAINT "${c.name}"`,
    })),
    width,
    timing,
  );
  return timing;
}

module.exports = { connect, readDefinitions, dropAll, rebuildAll };
