import { type ChildProcess, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/** Helpers of the tests that run the built programs (dist/) as an administrator would. */

export const ROOT = path.resolve(__dirname, '..', '..');
// What `npm start` runs: the single-file build (scripts/bundle.js).
export const API_MAIN = path.join(ROOT, 'dist', 'api.js');
export const CLI_MAIN = path.join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Every child started here; `killAll` in afterAll leaves none behind. */
const children: ChildProcess[] = [];

/** Runs `node <args>` to its end (killed after `timeoutMs`), with only the environment given. */
export function run(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 120_000,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
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

export interface Server {
  port: number;
  pid: number;
  output: () => string;
  /** SIGTERM, then the exit code. */
  stop: () => Promise<number | null>;
}

/**
 * Starts `node [nodeFlags] <main>` and waits until /health/ready answers 200 (or fails with its
 * output).
 */
export async function startServer(
  env: Record<string, string>,
  main = API_MAIN,
  cwd = ROOT,
  nodeFlags: string[] = [],
): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeFlags, main], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.tmpdir(),
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  let exit: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => resolve((exit = code))),
  );
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exit !== undefined) throw new Error(`The server exited (${exit}):\n${output}`);
    const res = await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined);
    if (res?.status === 200) break;
    if (Date.now() > deadline) throw new Error(`The server was not ready in 60 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    port,
    pid: child.pid!,
    output: () => output,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

export async function killAll(): Promise<void> {
  const running = children.filter((c) => c.exitCode === null && c.signalCode === null);
  await Promise.all(
    running.map(
      (child) =>
        new Promise((resolve) => {
          child.once('exit', resolve);
          child.kill('SIGKILL');
        }),
    ),
  );
}

/**
 * What `found` gives once it gives something (neither undefined nor false), asked every 0.1 s;
 * after `timeoutMs`, an error naming what was waited for.
 */
export async function waitFor<T>(
  what: string,
  found: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await found();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/** Signs in; the status code. */
export async function signIn(port: number, username: string, password: string): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return res.status;
}

/**
 * Builds dist/ if a source changed, one test file at a time: with two workers two files may ask at
 * once, and two `nest build`s must not write dist/ together.
 */
export async function ensureBuilt(): Promise<void> {
  const lock = path.join(os.tmpdir(), 'st-tracker-e2e-build.lock');
  const deadline = Date.now() + 170_000;
  for (;;) {
    try {
      await fs.mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const stat = await fs.stat(lock).catch(() => undefined);
      if (stat && Date.now() - stat.mtimeMs > 180_000) await fs.rm(lock, { recursive: true });
      if (Date.now() > deadline) {
        throw new Error(`${lock} is held by another build`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    const build = await run([path.join(ROOT, 'scripts', 'ensure-build.js')], {}, 170_000);
    if (build.code !== 0) throw new Error(`The build failed:\n${build.stdout}${build.stderr}`);
  } finally {
    await fs.rm(lock, { recursive: true, force: true });
  }
}
