import type { EntityManager } from 'typeorm';
import type {
  EnterpriseFiguresDto,
  HeadlineFiguresDto,
  IpRegistrationFiguresDto,
  ProjectFiguresDto,
  SupportNeedFiguresDto,
  TaskFiguresDto,
  WorkingSessionFiguresDto,
} from '../dto/figures.dto';
import {
  enterprisesStatement,
  ipStatement,
  projectsStatement,
  listed,
  type SectionInput,
  sessionsStatement,
  type Statement,
  supportNeedsStatement,
  tasksStatement,
  taskTallyStatement,
} from './sections';

/** One line of a section's result: its row (null: the totals) and its columns as SQL named them. */
export type SectionLine = { row_id: string | null } & Record<string, unknown>;

/**
 * Each section's lines: six statements, one after the other on the caller's connection. The task
 * figures of a reporting year come from the tally, unless the tasks are listed.
 */
export interface SectionLines {
  sessions: SectionLine[];
  tasks: SectionLine[];
  ip: SectionLine[];
  enterprises: SectionLine[];
  needs: SectionLine[];
  projects: SectionLine[];
}

export async function runSections(
  manager: EntityManager,
  input: SectionInput,
): Promise<SectionLines> {
  const run = ({ sql, values }: Statement) => manager.query<SectionLine[]>(sql, values);
  return {
    sessions: await run(sessionsStatement(input)),
    tasks: await run(
      input.period.year !== null && !listed(input)
        ? taskTallyStatement(input)
        : tasksStatement(input),
    ),
    ip: await run(ipStatement(input)),
    enterprises: await run(enterprisesStatement(input)),
    needs: await run(supportNeedsStatement(input)),
    projects: await run(projectsStatement(input)),
  };
}

/** The line of `rowId` (null: the totals), if the section has one; a row with no records has none. */
export function lineOf(lines: SectionLine[], rowId: string | null): SectionLine | undefined {
  return lines.find((line) => line.row_id === rowId);
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export function sessionFigures(line: SectionLine | undefined): WorkingSessionFiguresDto {
  return {
    count: (line?.count as number) ?? 0,
    byStatus:
      (line?.by_status as WorkingSessionFiguresDto['byStatus']) ??
      zeros(['planned', 'held', 'closed', 'cancelled']),
  };
}

export function taskFigures(line: SectionLine | undefined): TaskFiguresDto {
  return {
    assigned: (line?.assigned as number) ?? 0,
    done: (line?.done as number) ?? 0,
    doneOnTime: (line?.done_on_time as number) ?? 0,
    doneLate: (line?.done_late as number) ?? 0,
    overdue: (line?.overdue as number) ?? 0,
    open: (line?.open as number) ?? 0,
    cancelled: (line?.cancelled as number) ?? 0,
    onTimeRate: (line?.on_time_rate as number | null) ?? null,
  };
}

export function ipFigures(line: SectionLine | undefined): IpRegistrationFiguresDto {
  return {
    total: (line?.total as number) ?? 0,
    byStatus:
      (line?.by_status as IpRegistrationFiguresDto['byStatus']) ??
      zeros([
        'preparing',
        'filed',
        'formality_accepted',
        'published',
        'granted',
        'renewed',
        'refused',
        'withdrawn',
        'expired',
      ]),
    byKind:
      (line?.by_kind as IpRegistrationFiguresDto['byKind']) ??
      zeros(['trademark', 'collective_mark', 'certification_mark', 'geographical_indication']),
    grantedInPeriod: (line?.granted_in_period as number) ?? 0,
  };
}

export function enterpriseFigures(line: SectionLine | undefined): EnterpriseFiguresDto {
  return {
    certified: (line?.certified as number) ?? 0,
    certifiedAtEnd: (line?.certified_at_end as number) ?? 0,
  };
}

export function supportNeedFigures(line: SectionLine | undefined): SupportNeedFiguresDto {
  return {
    total: (line?.total as number) ?? 0,
    byStatus:
      (line?.by_status as SupportNeedFiguresDto['byStatus']) ??
      zeros(['reported', 'confirmed', 'supported', 'declined']),
  };
}

export function projectFigures(line: SectionLine | undefined): ProjectFiguresDto {
  return {
    total: (line?.total as number) ?? 0,
    byKind:
      (line?.by_kind as ProjectFiguresDto['byKind']) ??
      zeros([
        'ip_development',
        'technology_application',
        'agricultural_model',
        'research',
        'infrastructure_proposal',
        'other',
      ]),
    byStatus:
      (line?.by_status as ProjectFiguresDto['byStatus']) ??
      zeros(['proposed', 'approved', 'in_progress', 'completed', 'cancelled']),
    participantsSelected: (line?.participants_selected as number) ?? 0,
    participants: (line?.participants as number) ?? 0,
  };
}

export function headlineFigures(lines: SectionLines, rowId: string | null): HeadlineFiguresDto {
  return {
    workingSessions: sessionFigures(lineOf(lines.sessions, rowId)),
    ipRegistrations: ipFigures(lineOf(lines.ip, rowId)),
    enterprises: enterpriseFigures(lineOf(lines.enterprises, rowId)),
    supportNeeds: supportNeedFigures(lineOf(lines.needs, rowId)),
    projects: projectFigures(lineOf(lines.projects, rowId)),
    tasks: taskFigures(lineOf(lines.tasks, rowId)),
  };
}

/** The items of a district report's section: the JSON text SQL made (json_agg), or none. */
export function itemsText(line: SectionLine | undefined): string {
  return (line?.items as string | undefined) ?? '[]';
}
