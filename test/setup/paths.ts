// Jest's global setup runs outside its module system, so the @app/* aliases of tsconfig.json are
// registered here (read from it, so a new library needs no second entry).
import * as path from 'node:path';
import { register } from 'tsconfig-paths';

const root = path.resolve(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { compilerOptions } = require(path.join(root, 'tsconfig.json')) as {
  compilerOptions: { paths: Record<string, string[]> };
};
register({ baseUrl: root, paths: compilerOptions.paths });
