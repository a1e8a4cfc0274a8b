// Small shared pieces of the benchmark: logging, tables, percentiles, ports, the built server as a
// child process, and the facts about this machine that every result file records.
const { spawn, execFileSync } = require('node:child_process');
const { promises: fs, readFileSync } = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { startCommand } = require('../scripts/start-command');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');

function log(message) {
  process.stderr.write(`${message}\n`);
}

function seconds(ms) {
  return Math.round(ms) / 1000;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function timed(fn) {
  const started = process.hrtime.bigint();
  const value = await fn();
  return { value, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

/** A plain-text table: the first row is the header. */
function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c] ?? '').length)));
  const numeric = rows[0].map((_, c) =>
    rows
      .slice(1)
      .every(
        (r) =>
          r[c] === '' ||
          r[c] === null ||
          r[c] === undefined ||
          /^[-\d.,×%<> ]+$/.test(String(r[c])),
      ),
  );
  const line = (r) =>
    r
      .map((cell, c) =>
        numeric[c] ? String(cell ?? '').padStart(widths[c]) : String(cell ?? '').padEnd(widths[c]),
      )
      .join('  ')
      .trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)]
    .join('\n')
    .concat('\n');
}

/** Resident set size of one process in MB (10^6 bytes; Linux), or null when it cannot be read. */
function rssMB(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? Math.round((kb * 1024) / 1e5) / 10 : null;
  } catch {
    return null;
  }
}

/**
 * The server's command line as `npm start` runs it (package.json's start script, after the
 * build check): its Node flags and the bundle, so that the bench measures what users run.
 */
function serverArgs() {
  const { flags, entry } = startCommand();
  return [...flags, entry];
}

/**
 * Starts the built API server and resolves once `GET /health/ready` answers 200, with the time that
 * took (spawn to ready). `env` adds to (and `null` values remove from) the bench's environment.
 */
async function startApi(env, { readyTimeoutMs = 120_000 } = {}) {
  return startServerProcess({
    what: 'The server',
    args: serverArgs(),
    env: { HOST: '127.0.0.1', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', ...env },
    readyPath: '/health/ready',
    readyTimeoutMs,
  });
}

/**
 * Runs `node args` with PORT set to a free port and resolves once `GET readyPath` answers 200,
 * with the time that took (spawn to ready). `env` adds to (and `null` values remove from) the
 * bench's environment; `what` names the server in errors.
 */
async function startServerProcess({ what, args, env, readyPath, readyTimeoutMs }) {
  const port = await freePort();
  const childEnv = { ...process.env, PORT: String(port) };
  for (const [key, value] of Object.entries(env)) {
    if (value === null) delete childEnv[key];
    else childEnv[key] = value;
  }
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = false;
  const exit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  exit.then(() => (exited = true));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (exited) throw new Error(`${what} exited before it was ready:\n${output}`);
    const res = await fetch(`${base}${readyPath}`).catch(() => undefined);
    if (res) await res.arrayBuffer();
    if (res?.status === 200) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${what} was not ready in ${readyTimeoutMs / 1000} s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const readyMs = Number(process.hrtime.bigint() - started) / 1e6;
  return {
    base,
    port,
    pid: child.pid,
    readyMs,
    output: () => output,
    rssMB: () => rssMB(child.pid),
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** Signs in and returns the access token. */
async function signIn(base, account) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: account.username, password: account.password }),
  });
  const body = await res.json();
  if (res.status !== 200) {
    throw new Error(
      `Signing in as ${account.username} failed: ${res.status} ${JSON.stringify(body)}`,
    );
  }
  return body.accessToken;
}

function gitCommit() {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
    return dirty ? `${commit}+changes` : commit;
  } catch {
    return null;
  }
}

function machine() {
  const cpus = os.cpus();
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const version = (name) => {
    try {
      return require(require.resolve(`${name}/package.json`, { paths: [ROOT] })).version;
    } catch {
      return null;
    }
  };
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? null,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.platform()}-${os.arch()}`,
    node: process.version,
    app: `${pkg.name}@${pkg.version}`,
    nest: version('@nestjs/core'),
    typeorm: version('typeorm'),
    autocannon: version('autocannon'),
    commit: gitCommit(),
  };
}

async function writeJson(file, value) {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(`${file}.tmp`, `${JSON.stringify(value, null, 2)}\n`);
  await fs.rename(`${file}.tmp`, file);
}

module.exports = {
  ROOT,
  DIST,
  log,
  seconds,
  percentile,
  freePort,
  timed,
  table,
  rssMB,
  startApi,
  startServerProcess,
  signIn,
  machine,
  writeJson,
};
