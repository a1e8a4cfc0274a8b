import { PlatformAndRegistry1795604866491 } from './1795604866491-PlatformAndRegistry';
import { SessionsAndTasks1795606014106 } from './1795606014106-SessionsAndTasks';
import { Programmes1796099161176 } from './1796099161176-Programmes';
import { Enterprises1796099924753 } from './1796099924753-Enterprises';
import { Projects1796099944993 } from './1796099944993-Projects';
import { IpRegistrations1796100053790 } from './1796100053790-IpRegistrations';
import { ReportIndexes1796103282962 } from './1796103282962-ReportIndexes';
import { ReportTaskTally1796111986319 } from './1796111986319-ReportTaskTally';
import { ListIndexes1796112432017 } from './1796112432017-ListIndexes';
import { AuthChangeNotify1796123000000 } from './1796123000000-AuthChangeNotify';
import { ReportDataVersion1796124000000 } from './1796124000000-ReportDataVersion';
import { TaskPriorityIndex1796125000000 } from './1796125000000-TaskPriorityIndex';

/** Every migration in the order it was written; a migration that has landed is never edited. */
export const MIGRATIONS = [
  PlatformAndRegistry1795604866491,
  SessionsAndTasks1795606014106,
  Programmes1796099161176,
  Enterprises1796099924753,
  Projects1796099944993,
  IpRegistrations1796100053790,
  ReportIndexes1796103282962,
  ReportTaskTally1796111986319,
  ListIndexes1796112432017,
  AuthChangeNotify1796123000000,
  ReportDataVersion1796124000000,
  TaskPriorityIndex1796125000000,
];
