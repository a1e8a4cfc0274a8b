import { applicationNumberProblem } from './application-number';

describe('application numbers', () => {
  it.each([
    ['trademark', '4-2024-01234', '2024-03-15'],
    ['collective_mark', '4-2023-00001', '2023-01-01'],
    ['certification_mark', '4-2023-99999', '2023-12-31'],
    ['geographical_indication', '6-2024-00012', '2024-02-29'],
  ] as const)('accepts a %s’s %s filed on %s', (kind, number, filed) => {
    expect(applicationNumberProblem(kind, number, filed)).toBeNull();
  });

  it.each([
    ['4-2024-1234', /form 4-YYYY-NNNNN \(e\.g\. 4-2024-01234\).*got 4-2024-1234$/],
    ['4-24-01234', /form 4-YYYY-NNNNN/],
    ['4 2024 01234', /form 4-YYYY-NNNNN/],
    ['4-2024-012345', /form 4-YYYY-NNNNN/],
    ['42024-01234', /form 4-YYYY-NNNNN/],
    ['', /form 4-YYYY-NNNNN/],
    ['6-2024-01234', /^starts with 6-, but a collective mark's application number starts with 4-/],
    ['1-2024-01234', /^starts with 1-/],
    ['4-2023-01234', /^has the year 2023, but the filing date 2024-03-15 is in 2024$/],
    ['4-2024-00000', /serial 00000/],
  ])('refuses %j for a collective mark filed on 2024-03-15', (number, message) => {
    expect(applicationNumberProblem('collective_mark', number, '2024-03-15')).toMatch(message);
  });

  it('wants a geographical indication’s number to start with 6-', () => {
    expect(applicationNumberProblem('geographical_indication', '4-2024-01234', '2024-03-15')).toBe(
      "starts with 4-, but a geographical indication's application number starts with 6- (6-YYYY-NNNNN)",
    );
  });

  it('compares the year with the filing date’s, leap day included', () => {
    expect(applicationNumberProblem('trademark', '4-2024-00042', '2024-02-29')).toBeNull();
    expect(applicationNumberProblem('trademark', '4-2025-00042', '2024-12-31')).toMatch(
      /year 2025/,
    );
  });
});
