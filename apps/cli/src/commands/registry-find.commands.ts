import { InjectDataSource } from '@nestjs/typeorm';
import { Command, CommandRunner, Option } from 'nest-commander';
import { DataSource } from 'typeorm';
import { ADMIN_LEVELS, AdminUnitsService, OrganisationsService } from '@app/registry';
import { say } from '../output';
import {
  checkDate,
  checkLevel,
  formatOrganisation,
  formatUnit,
  RegistryLookup,
} from './registry-lookup';

function shown(count: number, total: number, what: string): string {
  return total > count
    ? `${count} of ${total} ${what} shown; narrow the search`
    : `${total} ${what}${total === 1 ? '' : 's'}`;
}

@Command({
  name: 'units:find',
  arguments: '<text>',
  description:
    'Find administrative units by name (diacritics and case ignored) or code: id, code, level, name, parent',
})
export class UnitsFindCommand extends CommandRunner {
  private readonly lookup: RegistryLookup;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    units: AdminUnitsService,
    organisations: OrganisationsService,
  ) {
    super();
    this.lookup = new RegistryLookup(dataSource, units, organisations);
  }

  async run([text]: string[], options: { on?: string; level?: string }): Promise<void> {
    const on = checkDate('--on', options.on);
    const level = checkLevel('--level', options.level);
    const found = await this.lookup.findUnits(text, { on, level });
    if (found.items.length === 0) {
      say(`No administrative unit${on ? ` in force on ${on}` : ''} matches "${text}"`);
      return;
    }
    for (const unit of found.items) say(formatUnit(unit));
    say(shown(found.items.length, found.total, 'unit'));
  }

  @Option({ flags: '--on <date>', description: 'Only units in force on this date (YYYY-MM-DD)' })
  parseOn(value: string): string {
    return value;
  }

  @Option({ flags: '--level <level>', description: `One of ${ADMIN_LEVELS.join(', ')}` })
  parseLevel(value: string): string {
    return value;
  }
}

@Command({
  name: 'organisations:find',
  arguments: '<text>',
  description:
    'Find organisations by name or short name (diacritics and case ignored): id, kind, name, parent',
})
export class OrganisationsFindCommand extends CommandRunner {
  private readonly lookup: RegistryLookup;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    units: AdminUnitsService,
    organisations: OrganisationsService,
  ) {
    super();
    this.lookup = new RegistryLookup(dataSource, units, organisations);
  }

  async run([text]: string[]): Promise<void> {
    const found = await this.lookup.findOrganisations(text);
    if (found.items.length === 0) {
      say(`No organisation matches "${text}"`);
      return;
    }
    for (const org of found.items) say(formatOrganisation(org));
    say(shown(found.items.length, found.total, 'organisation'));
  }
}
