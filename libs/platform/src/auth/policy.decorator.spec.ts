import { accessPolicy, Allow } from './policy.decorator';
import type { ScopedKind } from './scope';

const DISTRICT_ONLY: ScopedKind = {
  label: 'Organisation',
  scopes: { district: { where: () => undefined } },
};

describe('a route’s access policy', () => {
  it('keeps the roles, the scope rules and the kind they apply to', () => {
    expect(
      accessPolicy(['admin', 'district_officer'], {
        scope: ['district'],
        kind: DISTRICT_ONLY,
        deletedFor: ['admin', 'leadership'],
      }),
    ).toEqual({
      roles: ['admin', 'district_officer'],
      scopes: ['district'],
      kind: 'Organisation',
      // Only roles that may call the route at all may list its deleted records.
      deletedFor: ['admin'],
    });
  });

  it('refuses, when the route is declared, a scope its record kind does not implement', () => {
    const declare = () => {
      class Controller {
        @Allow(['unit_staff'], { scope: ['lead_organisation'], kind: DISTRICT_ONLY })
        complete(): void {}
      }
      return Controller;
    };
    expect(declare).toThrow(
      'Organisation records do not implement the scope rule "lead_organisation" their route declares',
    );
  });

  it('refuses a scope without the kind of record it applies to', () => {
    expect(() => accessPolicy(['district_officer'], { scope: ['district'] })).toThrow(
      'A route declaring scope district names no kind',
    );
  });
});
