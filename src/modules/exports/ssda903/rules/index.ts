/**
 * The 19 validator rules that touch the SSDA903 Missing table (uk-standards.md 2.2), re-implemented from
 * the semantics of data-to-insight/csc-validator-be-903 `lac_validator/rules/lac2022_23/` (no Missing rule
 * changed up to 2026/27). Every 903 export passes through them before a file is written.
 */
import type { RuleFailure, RuleInput, Ssda903Rule } from '../tables.ts';
import { rule570, rule571, rule574, rule576 } from './collection-year.ts';
import { ruleINT04, ruleINT13 } from './internal.ts';
import { rule1004, rule1005, rule1006, rule564, rule565, rule566, rule567, rule586 } from './missing-fields.ts';
import { rule575, rule577, rule578, rule580, rule581 } from './periods-of-care.ts';

export const SSDA903_RULES: readonly Ssda903Rule[] = [
  rule1004, rule1005, rule1006, rule564, rule565, rule566, rule567, rule570, rule571, rule574,
  rule575, rule576, rule577, rule578, rule580, rule581, rule586, ruleINT04, ruleINT13,
];

const TABLE_ORDER = { Header: 0, Episodes: 1, Missing: 2 } as const;

/** Every failure of every rule, ordered by table, then line, then rule as listed above. */
export function runSsda903Rules(input: RuleInput): RuleFailure[] {
  return SSDA903_RULES.flatMap((rule) => rule.check(input))
    .map((f, order) => ({ f, order }))
    .sort((a, b) => TABLE_ORDER[a.f.table] - TABLE_ORDER[b.f.table] || a.f.row - b.f.row || a.order - b.order)
    .map(({ f }) => f);
}
