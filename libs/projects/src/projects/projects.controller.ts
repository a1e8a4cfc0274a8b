import { Body, Query } from '@nestjs/common';
import {
  ActionRoute,
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
  RestoreRoute,
  type Target,
  UpdateRoute,
} from '@app/platform';
import {
  ApproveProjectDto,
  CancelProjectDto,
  CompleteProjectDto,
  CreateProjectDto,
  ProjectDetailDto,
  ProjectDto,
  ProjectQueryDto,
  StartProjectDto,
  UpdateProjectDto,
} from './dto/project.dto';
import { PROJECT_WRITERS } from './project-access';
import { PROJECT } from './project.kind';
import { ProjectsService } from './projects.service';

/**
 * Every role reads; the Department and district officers write. District officers reach the
 * projects with a unit in their district and its communes.
 */
const READ = { roles: ANY_ROLE, scope: ['district'], kind: PROJECT } as const;
const WRITE = {
  roles: PROJECT_WRITERS,
  scope: ['district'],
  kind: PROJECT,
  response: ProjectDto,
} as const;

@ApiResource('api/v1/projects', 'projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @ListRoute('', {
    ...READ,
    summary: 'List projects (kind, status, programme, unit, year; q searches titles)',
    item: ProjectDto,
    deletedFor: PROJECT_WRITERS,
  })
  listProjects(@CurrentActor() actor: Actor, @Query() query: ProjectQueryDto) {
    return this.projects.list(actor, query);
  }

  @GetRoute(':id', {
    ...READ,
    summary: 'One project with its participants by status and ward, its indicators and tasks',
    response: ProjectDetailDto,
  })
  getProject(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.projects.view(actor, id);
  }

  @CreateRoute('', { ...WRITE, summary: 'Record a project (proposed)' })
  createProject(@CurrentActor() actor: Actor, @Body() body: CreateProjectDto) {
    return this.projects.create(actor, body);
  }

  @UpdateRoute(':id', { ...WRITE, summary: 'Change a project' })
  updateProject(@RequestTarget() target: Target, @Body() body: UpdateProjectDto) {
    return this.projects.update(target, body);
  }

  @DeleteRoute(':id', { ...WRITE, summary: 'Delete (hide) a project with its participants' })
  deleteProject(@RequestTarget() target: Target) {
    return this.projects.remove(target);
  }

  @RestoreRoute(':id/restore', { ...WRITE, summary: 'Bring back a deleted project' })
  restoreProject(@RequestTarget() target: Target) {
    return this.projects.restore(target);
  }

  @ActionRoute(':id/approve', {
    ...WRITE,
    summary: 'Record the approval, with the decision’s number and date (proposed → approved)',
  })
  approveProject(@RequestTarget() target: Target, @Body() body: ApproveProjectDto) {
    return this.projects.act(target, 'approve', body);
  }

  @ActionRoute(':id/start', {
    ...WRITE,
    summary: 'Start an approved project; sets the actual start (approved → in_progress)',
  })
  startProject(@RequestTarget() target: Target, @Body() body: StartProjectDto) {
    return this.projects.act(target, 'start', body);
  }

  @ActionRoute(':id/complete', {
    ...WRITE,
    summary: 'Complete a project; needs or sets the actual end (in_progress → completed)',
  })
  completeProject(@RequestTarget() target: Target, @Body() body: CompleteProjectDto) {
    return this.projects.act(target, 'complete', body);
  }

  @ActionRoute(':id/cancel', {
    ...WRITE,
    summary: 'Cancel a project that is not finished; needs a reason',
  })
  cancelProject(@RequestTarget() target: Target, @Body() body: CancelProjectDto) {
    return this.projects.act(target, 'cancel', body);
  }
}
