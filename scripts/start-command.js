'use strict';
// `npm start`'s command as package.json's start script gives it (… && node [flags] dist/api.js):
// the benchmark runs the server the same way, and the build makes the first start's code cache
// under the same V8 flags, without which V8 would refuse it.
const { readFileSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

/** `{ flags, entry }`: the node flags and the absolute path of the file `npm start` runs. */
function startCommand() {
  const { scripts } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const command = /(?:^|&&)\s*node\s+((?:--\S+\s+)*)(dist\/\S+\.js)\s*$/.exec(scripts.start);
  if (!command) throw new Error(`package.json's start script is not "… node [flags] dist/….js"`);
  return { flags: command[1].split(/\s+/).filter(Boolean), entry: path.join(ROOT, command[2]) };
}

module.exports = { startCommand };
