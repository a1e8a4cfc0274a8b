import { budgetErrors, budgetTotal, projectDateErrors } from './project-rules';

const NONE = { plannedStart: null, plannedEnd: null, actualStart: null, actualEnd: null };
const TODAY = '2024-08-30';

describe('project dates', () => {
  it('takes no dates, open ends, and ends on the day they start', () => {
    expect(projectDateErrors(NONE, TODAY)).toEqual([]);
    expect(projectDateErrors({ ...NONE, plannedStart: '2023-09-01' }, TODAY)).toEqual([]);
    expect(projectDateErrors({ ...NONE, plannedEnd: '2023-09-01' }, TODAY)).toEqual([]);
    expect(
      projectDateErrors(
        {
          plannedStart: '2023-09-01',
          plannedEnd: '2023-09-01',
          actualStart: '2024-08-30',
          actualEnd: '2024-08-30',
        },
        TODAY,
      ),
    ).toEqual([]);
  });

  it('refuses an end before its start, naming the end', () => {
    expect(
      projectDateErrors({ ...NONE, plannedStart: '2024-01-01', plannedEnd: '2023-12-31' }, TODAY),
    ).toEqual([
      {
        field: 'plannedEnd',
        message: 'must not be before plannedStart (2024-01-01); got 2023-12-31',
      },
    ]);
    expect(
      projectDateErrors({ ...NONE, actualStart: '2024-01-01', actualEnd: '2023-12-31' }, TODAY),
    ).toEqual([
      {
        field: 'actualEnd',
        message: 'must not be before actualStart (2024-01-01); got 2023-12-31',
      },
    ]);
  });

  it('refuses actual dates after today in Viet Nam; planned ones may lie ahead', () => {
    expect(
      projectDateErrors(
        { ...NONE, plannedStart: '2030-01-01', actualStart: '2024-08-31', actualEnd: '2024-09-01' },
        TODAY,
      ).map((e) => e.field),
    ).toEqual(['actualStart', 'actualEnd']);
  });
});

describe('project budget', () => {
  it('adds the known parts in whole đồng; nothing known is null, not 0', () => {
    expect(budgetTotal({ stateBudget: null, counterpartBudget: null, otherBudget: null })).toBe(
      null,
    );
    expect(budgetTotal({ stateBudget: 0, counterpartBudget: null, otherBudget: null })).toBe(0);
    expect(
      budgetTotal({
        stateBudget: 1_250_000_000,
        counterpartBudget: 310_500_000,
        otherBudget: 1,
      }),
    ).toBe(1_560_500_001);
  });

  it('refuses parts that add up beyond what a number holds exactly', () => {
    const big = Number.MAX_SAFE_INTEGER;
    expect(budgetErrors({ stateBudget: big, counterpartBudget: null, otherBudget: null })).toEqual(
      [],
    );
    expect(
      budgetErrors({ stateBudget: big, counterpartBudget: 1, otherBudget: null }).map(
        (e) => e.field,
      ),
    ).toEqual(['budget']);
  });
});
