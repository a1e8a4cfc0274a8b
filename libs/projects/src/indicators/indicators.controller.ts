import { Body, Query } from '@nestjs/common';
import {
  type Actor,
  ANY_ROLE,
  ApiResource,
  CreateRoute,
  CurrentActor,
  DeleteRoute,
  GetRoute,
  IdParam,
  ListRoute,
  RequestTarget,
  type Target,
  UpdateRoute,
} from '@app/platform';
import { PROJECT_WRITERS } from '../projects/project-access';
import {
  CreateProjectIndicatorDto,
  ProjectIndicatorDto,
  ProjectIndicatorQueryDto,
  UpdateProjectIndicatorDto,
} from './dto/indicator.dto';
import { PROJECT_INDICATOR } from './indicator.kind';
import { IndicatorsService } from './indicators.service';

const READ = { roles: ANY_ROLE, scope: ['district'], kind: PROJECT_INDICATOR } as const;
const WRITE = {
  roles: PROJECT_WRITERS,
  scope: ['district'],
  kind: PROJECT_INDICATOR,
  response: ProjectIndicatorDto,
} as const;

/** `:id` is the project; `:indicatorId` the indicator the request targets. */
@ApiResource('api/v1/projects/:id/indicators', 'projects')
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsService) {}

  @ListRoute('', {
    ...READ,
    summary: 'List a project’s indicators, in the order they were added',
    item: ProjectIndicatorDto,
  })
  listProjectIndicators(
    @CurrentActor() actor: Actor,
    @IdParam() projectId: string,
    @Query() query: ProjectIndicatorQueryDto,
  ) {
    return this.indicators.list(actor, projectId, query);
  }

  @GetRoute(':indicatorId', {
    ...READ,
    summary: 'One indicator of a project',
    response: ProjectIndicatorDto,
  })
  getProjectIndicator(@RequestTarget('indicatorId') target: Target, @IdParam() projectId: string) {
    return this.indicators.get(target, projectId);
  }

  @CreateRoute('', { ...WRITE, summary: 'Add an indicator (name, unit, target, actual)' })
  createProjectIndicator(
    @CurrentActor() actor: Actor,
    @IdParam() projectId: string,
    @Body() body: CreateProjectIndicatorDto,
  ) {
    return this.indicators.create(actor, projectId, body);
  }

  @UpdateRoute(':indicatorId', {
    ...WRITE,
    summary: 'Change an indicator, e.g. record the actual value measured',
  })
  updateProjectIndicator(
    @RequestTarget('indicatorId') target: Target,
    @IdParam() projectId: string,
    @Body() body: UpdateProjectIndicatorDto,
  ) {
    return this.indicators.update(target, projectId, body);
  }

  @DeleteRoute(':indicatorId', {
    ...WRITE,
    summary: 'Remove an indicator',
    responseDescription: 'The removed indicator',
  })
  deleteProjectIndicator(
    @RequestTarget('indicatorId') target: Target,
    @IdParam() projectId: string,
  ) {
    return this.indicators.remove(target, projectId);
  }
}
