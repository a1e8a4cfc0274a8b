/** What is registered: the kinds of industrial-property title the district follows. */
export const IP_KINDS = [
  'trademark',
  'collective_mark',
  'certification_mark',
  'geographical_indication',
] as const;
export type IpKind = (typeof IP_KINDS)[number];

/** The kinds that are marks (nhãn hiệu): protected for a term from filing, renewable. */
export const MARK_KINDS = [
  'trademark',
  'collective_mark',
  'certification_mark',
] as const satisfies readonly IpKind[];

/**
 * What the law and the national office (Cục Sở hữu trí tuệ) set per kind, as data:
 * - `applicationType`: the first digit of the office's application numbers, `T-YYYY-NNNNN`.
 *   Marks are type 4 (`4-2024-01234`); geographical indications type 6 (`6-2024-00012`), the
 *   office's numbering of GI applications (our choice for GIs, documented in the README). No
 *   other type is accepted for these kinds.
 * - `termYears`: a mark's certificate runs to the end of 10 years from the filing date and each
 *   renewal adds 10 years (IP Law art. 93(6)); a geographical indication is protected without a
 *   term (art. 93(7)): no expiry, no renewal.
 */
export const IP_KIND_RULES: Readonly<
  Record<IpKind, { label: string; applicationType: string; termYears: number | null }>
> = {
  trademark: { label: 'trademark', applicationType: '4', termYears: 10 },
  collective_mark: { label: 'collective mark', applicationType: '4', termYears: 10 },
  certification_mark: { label: 'certification mark', applicationType: '4', termYears: 10 },
  geographical_indication: {
    label: 'geographical indication',
    applicationType: '6',
    termYears: null,
  },
};

export function isMark(kind: IpKind): boolean {
  return (MARK_KINDS as readonly IpKind[]).includes(kind);
}
