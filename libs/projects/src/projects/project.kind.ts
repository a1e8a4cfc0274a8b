import { ConflictError, type RecordKind } from '@app/platform';
import type { ProjectDto } from './dto/project.dto';
import { FINAL_PROJECT_STATUSES, ProjectEntity } from './project.entity';
import { toProjectDtos } from './project.mapper';
import { projectDistrictScope } from './project-scope';

const FINAL: readonly string[] = FINAL_PROJECT_STATUSES;

/**
 * A district officer reaches a project when any of its units lies in their district. A completed
 * or cancelled project is final: it, its participants and its indicators are read-only.
 */
export const PROJECT: RecordKind<ProjectEntity, ProjectDto> = {
  entityType: 'project',
  label: 'Project',
  entity: ProjectEntity,
  async toDto(project, { manager }) {
    return (await toProjectDtos(manager, [project]))[0];
  },
  scopes: {
    district: projectDistrictScope(
      'r.id',
      'adminUnitIds',
      'must include a unit of your district or one of its communes',
    ),
  },
  describe: (p) => p.title,
  assertWritable(project) {
    if (FINAL.includes(project.status)) {
      throw new ConflictError(
        `The project “${project.title}” is ${project.status}: it, its participants and its indicators are read-only`,
      );
    }
  },
};
