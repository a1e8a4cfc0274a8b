#!/usr/bin/env node
// `npm run fuzz`: the long fuzz of every operation (test/fuzz.e2e-spec.ts with FUZZ_LONG=1).
// FUZZ_RUNS=<cases per operation> (default 50), FUZZ_SEED=<seed> to repeat a run (random otherwise),
// FUZZ_PATH=<operationId>:<n> to replay one case, FUZZ_REPORT=<file> to keep the report,
// FUZZ_TRACE=1 to print every case.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const jest = path.join(__dirname, '..', 'node_modules', 'jest', 'bin', 'jest.js');
const result = spawnSync(
  process.execPath,
  [
    jest,
    '--selectProjects',
    'e2e',
    '--runTestsByPath',
    'test/fuzz.e2e-spec.ts',
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit', env: { ...process.env, FUZZ_LONG: '1' }, cwd: path.join(__dirname, '..') },
);
process.exit(result.status ?? 1);
