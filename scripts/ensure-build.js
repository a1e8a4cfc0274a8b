#!/usr/bin/env node
// The build, defined here once: `nest build` into dist/, then the server bundled into dist/api.js
// (scripts/bundle.js). `npm run build` runs it always (--force); `npm start`, `npm run cli` and
// `npm run bench` run it when a source is newer than the last build, so they always run the code
// in the checkout without paying for a build every time.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { startCommand } = require('./start-command');

const root = path.resolve(__dirname, '..');
const stamp = path.join(root, 'dist', '.build-stamp');
const sources = [
  'apps',
  'libs',
  'migrations',
  'tsconfig.json',
  'tsconfig.build.json',
  'nest-cli.json',
  'package-lock.json',
  'scripts/bundle.js',
  'scripts/api-entry.js',
  'scripts/start-command.js',
  'package.json',
];

function newest(entry) {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const child of fs.readdirSync(full)) {
    if (child === 'node_modules') continue;
    max = Math.max(max, newest(path.join(entry, child)));
  }
  return max;
}

/** The build's steps; the last one runs dist/api.js as `npm start` does, flags and all. */
function steps() {
  const start = startCommand();
  return [
    {
      what: 'nest build',
      command: path.join(root, 'node_modules', '.bin', 'nest'),
      args: ['build'],
    },
    {
      what: 'bundling the server',
      command: process.execPath,
      args: [path.join(__dirname, 'bundle.js')],
    },
    {
      what: "making the first start's code cache",
      command: process.execPath,
      args: [...start.flags, start.entry, '--make-code-cache'],
    },
  ];
}

function ensureBuild({ force = false } = {}) {
  const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
  if (!force && built >= Math.max(...sources.map(newest))) return;
  if (!force) {
    process.stderr.write(
      "Building (nest build, bundling the server, then the first start's code cache)…\n",
    );
  }
  for (const step of steps()) {
    const result = spawnSync(step.command, step.args, {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (result.status !== 0) {
      process.stderr.write(`The build failed (${step.what}); see the errors above.\n`);
      process.exit(result.status ?? 1);
    }
  }
  fs.writeFileSync(stamp, new Date().toISOString());
}

module.exports = { ensureBuild };
if (require.main === module) ensureBuild({ force: process.argv.includes('--force') });
