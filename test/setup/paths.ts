// Jest's global setup runs outside its module system, so the @app/* aliases are registered here.
import * as path from 'node:path';
import { register } from 'tsconfig-paths';

const root = path.resolve(__dirname, '..', '..');
register({
  baseUrl: root,
  paths: {
    '@app/platform': ['libs/platform/src'],
    '@app/registry': ['libs/registry/src'],
    '@app/sessions': ['libs/sessions/src'],
    '@app/tasks': ['libs/tasks/src'],
  },
});
