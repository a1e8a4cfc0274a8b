import type { RecordKind } from '@app/platform';
import { PROJECT } from '../projects/project.kind';
import { projectDistrictScope } from '../projects/project-scope';
import type { ProjectIndicatorDto } from './dto/indicator.dto';
import { toIndicatorDto } from './indicator.mapper';
import { ProjectIndicatorEntity } from './indicator.entity';

/** An indicator belongs to its project: it exists while the project does, in the project's scope. */
export const PROJECT_INDICATOR: RecordKind<ProjectIndicatorEntity, ProjectIndicatorDto> = {
  entityType: 'project_indicator',
  label: 'Project indicator',
  entity: ProjectIndicatorEntity,
  toDto: toIndicatorDto,
  scopes: {
    district: projectDistrictScope(
      'r.project_id',
      'projectId',
      'must be a project running in your district',
    ),
  },
  parent: { kind: PROJECT, property: 'projectId' },
  describe: (i) => i.name,
};
