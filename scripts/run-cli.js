#!/usr/bin/env node
// `npm run cli -- <command> [options]`: builds if needed, then runs the admin command line.
const path = require('node:path');
const { ensureBuild } = require('./ensure-build');

ensureBuild();
require(path.resolve(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js'));
