#!/usr/bin/env node
// Builds dist/ with `nest build` and bundles the server (scripts/bundle.js) when any source is newer than the last build, so `npm start` and
// `npm run cli` always run the code in the checkout without paying for a build every time.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

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

function ensureBuild() {
  const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
  if (built >= Math.max(...sources.map(newest))) return;
  process.stderr.write('Building (nest build)…\n');
  const nest = path.join(root, 'node_modules', '.bin', 'nest');
  const result = spawnSync(nest, ['build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    process.stderr.write('The build failed; see the errors above.\n');
    process.exit(result.status ?? 1);
  }
  const bundled = spawnSync(process.execPath, [path.join(__dirname, 'bundle.js')], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (bundled.status !== 0) {
    process.stderr.write('Bundling the server failed; see the errors above.\n');
    process.exit(bundled.status ?? 1);
  }
  fs.writeFileSync(stamp, new Date().toISOString());
}

module.exports = { ensureBuild };
if (require.main === module) ensureBuild();
