import type { EntityManager } from 'typeorm';
import { PARTICIPANT_STATUSES, type ParticipantStatus } from './participant.entity';

export type StatusCounts = { total: number } & Record<ParticipantStatus, number>;

export interface WardCounts extends StatusCounts {
  adminUnitId: string;
  /** The area of the selected participants there, in m². */
  selectedAreaM2: number;
}

export interface ParticipantCounts {
  byStatus: StatusCounts;
  /** In the order of the wards' codes. */
  byWard: WardCounts[];
}

const zero = (): StatusCounts => ({ total: 0, proposed: 0, selected: 0, withdrawn: 0 });

/** A project's live participants counted by ward and status: one grouped query. */
export async function participantCounts(
  manager: EntityManager,
  projectId: string,
): Promise<ParticipantCounts> {
  // The statuses are the entity's own constants (checked by ck_project_participant_status).
  const perStatus = PARTICIPANT_STATUSES.map(
    (status) => `count(*) FILTER (WHERE p.status = '${status}')::int AS "${status}"`,
  ).join(', ');
  const rows = await manager.query<
    ({ admin_unit_id: string; total: number; selected_area: string } & Record<
      ParticipantStatus,
      number
    >)[]
  >(
    `SELECT p.admin_unit_id, count(*)::int AS total, ${perStatus},
            coalesce(sum(p.area_m2) FILTER (WHERE p.status = 'selected'), 0) AS selected_area
       FROM project_participant p JOIN admin_unit u ON u.id = p.admin_unit_id
      WHERE p.project_id = $1 AND p.deleted_at IS NULL
      GROUP BY p.admin_unit_id, u.code
      ORDER BY lpad(u.code, 12, '0'), p.admin_unit_id`,
    [projectId],
  );
  const byStatus = zero();
  const byWard = rows.map((row) => {
    const ward: WardCounts = {
      adminUnitId: row.admin_unit_id,
      ...zero(),
      selectedAreaM2: Number(row.selected_area),
    };
    ward.total = row.total;
    byStatus.total += row.total;
    for (const status of PARTICIPANT_STATUSES) {
      ward[status] = row[status];
      byStatus[status] += row[status];
    }
    return ward;
  });
  return { byStatus, byWard };
}
