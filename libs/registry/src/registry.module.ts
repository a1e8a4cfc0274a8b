import { registerRecordType } from '@app/platform';
import { Module } from '@nestjs/common';
import { AdminUnitsController } from './admin-units/admin-units.controller';
import { AdminUnitsService } from './admin-units/admin-units.service';
import { RegistryDemoSeeder } from './demo/registry-demo';
import { OrganisationsController } from './organisations/organisations.controller';
import { OrganisationsService } from './organisations/organisations.service';
import { PeopleController } from './people/people.controller';
import { PeopleService } from './people/people.service';

registerRecordType('admin_unit', 'admin_unit');
registerRecordType('organisation', 'organisation');
registerRecordType('person', 'person');

/** Administrative units, organisations and people: what every other module refers to. */
@Module({
  controllers: [AdminUnitsController, OrganisationsController, PeopleController],
  providers: [AdminUnitsService, OrganisationsService, PeopleService, RegistryDemoSeeder],
  exports: [AdminUnitsService, OrganisationsService, PeopleService, RegistryDemoSeeder],
})
export class RegistryModule {}
