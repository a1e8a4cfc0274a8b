// Start and memory: process spawn to `GET /health/ready` answering 200 on the embedded database
// (first start in an empty DATA_DIR, initdb included; then re-opening it) and on a PostgreSQL
// server (a fresh database: migrations included; then again), and the Node process's RSS once
// idle after a sign-in and a few requests. Medians of three first starts and three re-opens. Each
// first start also has an empty code cache (CODE_CACHE_DIR, scripts/api-entry.js), as a build's
// first start has, and so runs from the build's (dist/api.v8cache); the re-opens run from the
// cache the last one left.
const { promises: fs } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Client } = require('pg');
const { log, seconds, signIn, startApi } = require('./lib');

const ADMIN_PASSWORD = 'bench start secret 2026';

/** Signs in, makes a few ordinary requests, waits for the process to settle, reads its RSS. */
async function idleRss(server) {
  const token = await signIn(server.base, { username: 'admin', password: ADMIN_PASSWORD });
  for (const p of [
    '/api/v1/auth/me',
    '/api/v1/tasks?pageSize=20',
    '/api/v1/admin-units?q=can%20tho',
  ]) {
    const res = await fetch(`${server.base}${p}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await res.arrayBuffer();
  }
  await new Promise((resolve) => setTimeout(resolve, 2000));
  return server.rssMB();
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/**
 * `firsts` first starts, each on a place of its own that `place()` makes (an empty DATA_DIR or
 * database, an empty code cache), then `reopens` more on the last one; medians, and the last
 * start's idle RSS. One first start alone moved by a few tenths of a second from run to run.
 */
async function starts(place, { firsts, reopens }) {
  const firstMs = [];
  const reopenMs = [];
  let rss = null;
  for (let f = 0; f < firsts; f++) {
    const { env, remove } = await place();
    try {
      const first = await startApi(env);
      firstMs.push(first.readyMs);
      await first.stop();
      if (f < firsts - 1) continue;
      for (let i = 0; i < reopens; i++) {
        const server = await startApi(env);
        reopenMs.push(server.readyMs);
        if (i === reopens - 1) rss = await idleRss(server);
        await server.stop();
      }
    } finally {
      await remove();
    }
  }
  return {
    firstS: seconds(median(firstMs)),
    firstsS: firstMs.map(seconds),
    reopenS: seconds(median(reopenMs)),
    reopensS: reopenMs.map(seconds),
    idleRssMB: rss,
  };
}

/** An empty DATA_DIR and code cache in a temporary directory. */
async function emptyDataDir() {
  const parent = await fs.mkdtemp(path.join(os.tmpdir(), 'st-tracker-start-'));
  await fs.chmod(parent, 0o755); // as root, the server runs as `postgres` and must enter it
  return {
    env: {
      DATA_DIR: path.join(parent, 'data'),
      CODE_CACHE_DIR: path.join(parent, 'code-cache'),
      DATABASE_URL: null,
      ADMIN_PASSWORD,
    },
    remove: () => fs.rm(parent, { recursive: true, force: true }),
  };
}

/** A new, empty database of the server, and an empty code cache. */
function emptyServerDatabase(serverUrl) {
  return async () => {
    const name = `st_bench_start_${Date.now().toString(36)}_${process.pid}`;
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const codeCache = await fs.mkdtemp(path.join(os.tmpdir(), 'st-tracker-start-code-'));
    return {
      env: {
        DATABASE_URL: url.toString(),
        DATA_DIR: null,
        CODE_CACHE_DIR: codeCache,
        ADMIN_PASSWORD,
      },
      remove: async () => {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
        await fs.rm(codeCache, { recursive: true, force: true });
      },
    };
  };
}

/** `serverUrl`: a PostgreSQL server to measure on too (BENCH_DATABASE_URL's), or none. */
async function runStart({ serverUrl, firsts = 3, reopens = 3 }) {
  const embedded = await starts(emptyDataDir, { firsts, reopens });
  log(`Start on the embedded database: ${JSON.stringify(embedded)}`);
  let server = null;
  if (serverUrl) {
    server = await starts(emptyServerDatabase(serverUrl), { firsts, reopens });
    log(`Start on the PostgreSQL server: ${JSON.stringify(server)}`);
  }
  return { embedded, server };
}

module.exports = { runStart };
