import type { RecordKind } from '@app/platform';
import type { ProgrammeDto } from './dto/programme.dto';
import { toProgrammeDtos } from './programme.mapper';
import { ProgrammeEntity } from './programme.entity';

/** City-wide reference data: every role reads every programme; no scope rule narrows it. */
export const PROGRAMME: RecordKind<ProgrammeEntity, ProgrammeDto> = {
  entityType: 'programme',
  label: 'Programme',
  entity: ProgrammeEntity,
  async toDto(programme, { manager }) {
    return (await toProgrammeDtos(manager, [programme]))[0];
  },
  scopes: {},
  describe: (p) => `${p.code} ${p.name}`,
};
