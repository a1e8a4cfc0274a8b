import type { EntityManager } from 'typeorm';
import { recordFields } from '@app/platform';
import type { ProjectIndicatorDto } from './dto/indicator.dto';
import { ProjectIndicatorEntity } from './indicator.entity';
import { indicatorProgress } from './indicator-progress';

export function toIndicatorDto(i: ProjectIndicatorEntity): ProjectIndicatorDto {
  return Object.assign(recordFields(i), {
    projectId: i.projectId,
    name: i.name,
    unit: i.unit,
    target: i.target,
    actual: i.actual,
    measuredOn: i.measuredOn,
    note: i.note,
    progress: indicatorProgress(i.target, i.actual),
  });
}

/** A project's live indicators in the order they were added: one query. */
export async function loadIndicators(
  manager: EntityManager,
  projectId: string,
): Promise<ProjectIndicatorDto[]> {
  const rows = await manager.find(ProjectIndicatorEntity, {
    where: { projectId },
    order: { createdAt: 'ASC', id: 'ASC' },
  });
  return rows.map(toIndicatorDto);
}
