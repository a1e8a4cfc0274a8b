import { Module } from '@nestjs/common';
import { registerRecordKind } from '@app/platform';
import { AccountBindingsModule } from './access/account-bindings';
import { ADMIN_UNIT } from './admin-units/admin-unit.kind';
import { AdminUnitsController } from './admin-units/admin-units.controller';
import { AdminUnitsService } from './admin-units/admin-units.service';
import { ORGANISATION } from './organisations/organisation.kind';
import { OrganisationsController } from './organisations/organisations.controller';
import { OrganisationsService } from './organisations/organisations.service';
import { PERSON } from './people/person.kind';
import { PeopleController } from './people/people.controller';
import { PeopleService } from './people/people.service';

registerRecordKind(ADMIN_UNIT);
registerRecordKind(ORGANISATION);
registerRecordKind(PERSON);

/** Administrative units, organisations and people: what every other module refers to. */
@Module({
  imports: [AccountBindingsModule],
  controllers: [AdminUnitsController, OrganisationsController, PeopleController],
  providers: [AdminUnitsService, OrganisationsService, PeopleService],
  exports: [AdminUnitsService, OrganisationsService, PeopleService],
})
export class RegistryModule {}
