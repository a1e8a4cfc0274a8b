import { Injectable } from '@nestjs/common';
import {
  type Actor,
  Page,
  paginate,
  RecordWriter,
  registerConstraintMessages,
  rejectNulls,
  sentFields,
  type Target,
  whereSearch,
} from '@app/platform';
import { ProjectsService } from '../projects/projects.service';
import {
  CreateProjectIndicatorDto,
  PROJECT_INDICATOR_SORT,
  ProjectIndicatorDto,
  ProjectIndicatorQueryDto,
  UpdateProjectIndicatorDto,
} from './dto/indicator.dto';
import { PROJECT_INDICATOR } from './indicator.kind';
import { toIndicatorDto } from './indicator.mapper';
import { ProjectIndicatorEntity } from './indicator.entity';

registerConstraintMessages({
  uq_project_indicator_name: 'The project already has an indicator with this name',
});

/**
 * What a project measures and what it reached. Every change locks the project first (a completed
 * or cancelled project's indicators are read-only), then the indicator.
 */
@Injectable()
export class IndicatorsService {
  constructor(
    private readonly writer: RecordWriter,
    private readonly projects: ProjectsService,
  ) {}

  async list(
    actor: Actor,
    projectId: string,
    query: ProjectIndicatorQueryDto,
  ): Promise<Page<ProjectIndicatorDto>> {
    await this.projects.findVisible(actor, projectId);
    const qb = this.writer
      .query(actor, PROJECT_INDICATOR)
      .andWhere('r.projectId = :projectId', { projectId });
    whereSearch(qb, query.q, { key: 'f_search_key(r.name)', text: 'r.name' });
    const page = await paginate(qb, query, PROJECT_INDICATOR_SORT);
    return { ...page, items: page.items.map(toIndicatorDto) };
  }

  async get(target: Target, projectId: string): Promise<ProjectIndicatorDto> {
    return toIndicatorDto(await this.writer.findChild(target, PROJECT_INDICATOR, projectId));
  }

  create(
    actor: Actor,
    projectId: string,
    body: CreateProjectIndicatorDto,
  ): Promise<ProjectIndicatorDto> {
    return this.writer.create(actor, PROJECT_INDICATOR, async (tx) => {
      await this.projects.lockForChange(tx, projectId);
      return tx.manager.create(ProjectIndicatorEntity, {
        projectId,
        name: body.name,
        unit: body.unit,
        target: body.target ?? null,
        actual: body.actual ?? null,
        measuredOn: body.measuredOn ?? null,
        note: body.note ?? null,
      });
    });
  }

  update(
    target: Target,
    projectId: string,
    body: UpdateProjectIndicatorDto,
  ): Promise<ProjectIndicatorDto> {
    rejectNulls(body, ['name', 'unit']);
    const changes = sentFields(body);
    return this.writer.run(target.actor, async (tx) => {
      const indicator = await tx.lockChild(PROJECT_INDICATOR, projectId, target);
      return tx.change(PROJECT_INDICATOR, indicator, (i) => Object.assign(i, changes));
    });
  }

  remove(target: Target, projectId: string): Promise<ProjectIndicatorDto> {
    return this.writer.run(target.actor, async (tx) => {
      const indicator = await tx.lockChild(PROJECT_INDICATOR, projectId, target);
      return tx.remove(PROJECT_INDICATOR, indicator);
    });
  }
}
