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
  type Target,
  UpdateRoute,
} from '@app/platform';
import { PROJECT_WRITERS } from '../projects/project-access';
import {
  BulkCreateProjectParticipantsDto,
  BulkProjectParticipantsDto,
  CreateProjectParticipantDto,
  ProjectParticipantDto,
  ProjectParticipantQueryDto,
  SelectProjectParticipantDto,
  UpdateProjectParticipantDto,
  WithdrawProjectParticipantDto,
} from './dto/participant.dto';
import { PROJECT_PARTICIPANT } from './participant.kind';
import { ParticipantsService } from './participants.service';

const READ = { roles: ANY_ROLE, scope: ['district'], kind: PROJECT_PARTICIPANT } as const;
const WRITE = {
  roles: PROJECT_WRITERS,
  scope: ['district'],
  kind: PROJECT_PARTICIPANT,
  response: ProjectParticipantDto,
} as const;

/** `:id` is the project; `:participantId` the participant the request targets. */
@ApiResource('api/v1/projects/:id/participants', 'projects')
export class ParticipantsController {
  constructor(private readonly participants: ParticipantsService) {}

  @ListRoute('', {
    ...READ,
    summary: 'List a project’s participants (status, kind, ward; q searches names)',
    item: ProjectParticipantDto,
  })
  listProjectParticipants(
    @CurrentActor() actor: Actor,
    @IdParam() projectId: string,
    @Query() query: ProjectParticipantQueryDto,
  ) {
    return this.participants.list(actor, projectId, query);
  }

  @GetRoute(':participantId', {
    ...READ,
    summary: 'One participant of a project',
    response: ProjectParticipantDto,
  })
  getProjectParticipant(
    @RequestTarget('participantId') target: Target,
    @IdParam() projectId: string,
  ) {
    return this.participants.get(target, projectId);
  }

  @CreateRoute('', {
    ...WRITE,
    summary: 'Add a household or organisation to a project (proposed)',
  })
  createProjectParticipant(
    @CurrentActor() actor: Actor,
    @IdParam() projectId: string,
    @Body() body: CreateProjectParticipantDto,
  ) {
    return this.participants.create(actor, projectId, body);
  }

  @CreateRoute('bulk', {
    ...WRITE,
    response: BulkProjectParticipantsDto,
    summary: 'Add many participants at once: all, or none with every bad row named by index',
    description:
      'Takes `{ items: [...] }` (up to 500 rows). Every row is checked, its fields and its ward ' +
      '(one of the project’s units or inside one; for a district officer, in their district). Any ' +
      'bad row answers 400 with `errors[]` naming each by index (`items.3.adminUnitId`) and adds ' +
      'nothing; otherwise all are added in one transaction, each audited.',
  })
  bulkAddProjectParticipants(
    @CurrentActor() actor: Actor,
    @IdParam() projectId: string,
    @Body() body: BulkCreateProjectParticipantsDto,
  ) {
    return this.participants.bulkAdd(actor, projectId, body);
  }

  @UpdateRoute(':participantId', { ...WRITE, summary: 'Change a participant' })
  updateProjectParticipant(
    @RequestTarget('participantId') target: Target,
    @IdParam() projectId: string,
    @Body() body: UpdateProjectParticipantDto,
  ) {
    return this.participants.update(target, projectId, body);
  }

  @DeleteRoute(':participantId', {
    ...WRITE,
    summary: 'Remove a participant entered by mistake',
    responseDescription: 'The removed participant',
  })
  deleteProjectParticipant(
    @RequestTarget('participantId') target: Target,
    @IdParam() projectId: string,
  ) {
    return this.participants.remove(target, projectId);
  }

  @ActionRoute(':participantId/select', {
    ...WRITE,
    summary: 'Select a proposed participant: by whom and when (proposed → selected)',
  })
  selectProjectParticipant(
    @RequestTarget('participantId') target: Target,
    @IdParam() projectId: string,
    @Body() body: SelectProjectParticipantDto,
  ) {
    return this.participants.act(target, projectId, 'select', body);
  }

  @ActionRoute(':participantId/withdraw', {
    ...WRITE,
    summary: 'Withdraw a participant (proposed or selected → withdrawn)',
  })
  withdrawProjectParticipant(
    @RequestTarget('participantId') target: Target,
    @IdParam() projectId: string,
    @Body() body: WithdrawProjectParticipantDto,
  ) {
    return this.participants.act(target, projectId, 'withdraw', body);
  }
}
