import { IP_KIND_RULES, type IpKind } from './ip-kinds';

/**
 * The national office's application number: `T-YYYY-NNNNN`, the type digit of the kind (4 for
 * marks, 6 for geographical indications: see `IP_KIND_RULES`), the year of filing, a serial of
 * five digits (never 00000). E.g. `4-2024-01234` for a mark filed in 2024.
 */
const APPLICATION_NUMBER = /^(\d)-(\d{4})-(\d{5})$/;

export function applicationNumberShape(kind: IpKind): string {
  return `${IP_KIND_RULES[kind].applicationType}-YYYY-NNNNN`;
}

/**
 * Why `number` is not an application number the office gives for `kind` filed on `filingDate`,
 * or null when it is one. Pure: the message completes "applicationNumber …".
 */
export function applicationNumberProblem(
  kind: IpKind,
  number: string,
  filingDate: string,
): string | null {
  const { applicationType, label } = IP_KIND_RULES[kind];
  const shape = applicationNumberShape(kind);
  const m = APPLICATION_NUMBER.exec(number);
  if (!m) {
    return `must have the office's form ${shape} (e.g. ${applicationType}-${filingDate.slice(0, 4)}-01234): the type digit, the year of filing and a 5-digit serial; got ${number}`;
  }
  const [, type, year, serial] = m;
  if (type !== applicationType) {
    return `starts with ${type}-, but a ${label}'s application number starts with ${applicationType}- (${shape})`;
  }
  if (year !== filingDate.slice(0, 4)) {
    return `has the year ${year}, but the filing date ${filingDate} is in ${filingDate.slice(0, 4)}`;
  }
  if (serial === '00000') return 'has the serial 00000, which the office never gives';
  return null;
}
