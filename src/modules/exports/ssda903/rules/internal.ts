/** The validator's internal checks between the Missing and Header tables: INT04 and INT13. */
import type { HeaderRow, MissingRow, RuleFailure, RuleInput, Ssda903Rule } from '../tables.ts';
import { failure } from './helpers.ts';

/** A rule on each Missing row, given the Header dates of birth by CHILD (built once, not once per row). */
function againstHeader(rule: () => Ssda903Rule, explain: (row: MissingRow, dates: string[] | undefined) => string | null) {
  return (input: RuleInput): RuleFailure[] => {
    const dates = datesOfBirth(input.tables.header);
    return input.tables.missing.flatMap((row, index) => {
      const why = explain(row, dates.get(row.CHILD));
      return why === null ? [] : [failure(rule(), 'Missing', index, row.CHILD, why)];
    });
  };
}

function datesOfBirth(header: readonly HeaderRow[]): Map<string, string[]> {
  const dates = new Map<string, string[]>();
  for (const h of header) dates.set(h.CHILD, [...(dates.get(h.CHILD) ?? []), h.DOB]);
  return dates;
}

export const ruleINT04: Ssda903Rule = {
  code: 'INT04',
  message: 'Internal Check: Child in Missing does not exist in Header.',
  check: againstHeader(() => ruleINT04, (_row, dates) => (dates ? null
    : 'The child is in the Missing table but not in the Header table: Homeward holds no period in which this authority looked after them during the year. Record their care status, or correct the incident’s classification if they were not looked after.')),
};

export const ruleINT13: Ssda903Rule = {
  code: 'INT13',
  message: 'Internal Check: Date of birth in Missing differs from Header.',
  check: againstHeader(() => ruleINT13, (row, dates) => (!dates || dates.includes(row.DOB) ? null
    : `The date of birth (${row.DOB}) differs from the Header table's (${dates.join(', ')}).`)),
};
