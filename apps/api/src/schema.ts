import { DatabaseSchema, PLATFORM_ENTITIES } from '@app/platform';
import { REGISTRY_ENTITIES } from '@app/registry';
import { SESSIONS_ENTITIES } from '@app/sessions';
import { PROJECTS_ENTITIES } from '@app/projects';
import { ENTERPRISES_ENTITIES } from '@app/enterprises';
import { IP_ENTITIES } from '@app/ip';
import { TASKS_ENTITIES } from '@app/tasks';
import { REPORTS_ENTITIES } from '@app/reports';
import { MIGRATIONS } from '../../../migrations';

/** Every table the app maps and every migration, listed explicitly (no globs). */
export const APP_SCHEMA: DatabaseSchema = {
  entities: [
    ...PLATFORM_ENTITIES,
    ...REGISTRY_ENTITIES,
    ...SESSIONS_ENTITIES,
    ...TASKS_ENTITIES,
    ...PROJECTS_ENTITIES,
    ...ENTERPRISES_ENTITIES,
    ...IP_ENTITIES,
    ...REPORTS_ENTITIES,
  ],
  migrations: MIGRATIONS,
};
