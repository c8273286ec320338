/**
 * Rules on one Missing row alone: valid dates (1004, 1005), a valid type (1006), type and dates completed
 * together (564, 565, 566), in order (567) and after the date of birth (586). uk-standards.md 2.2.
 */
import type { Ssda903Rule } from '../tables.ts';
import { dateOf, isBlank, missingRowRule, shown } from './helpers.ts';

export const rule1004: Ssda903Rule = missingRowRule('1004', 'The date the child started to be missing or away from placement without authorisation is not a valid date.', (row) => {
  if (isBlank(row.MIS_START)) return 'The start date (MIS_START) is blank.';
  return dateOf(row.MIS_START) === null ? `The start date (MIS_START) "${row.MIS_START}" is not a date written dd/mm/yyyy.` : null;
});

export const rule1005: Ssda903Rule = missingRowRule('1005', 'The date the child ceased to be missing or away from placement without authorisation is not a valid date.', (row) =>
  !isBlank(row.MIS_END) && dateOf(row.MIS_END) === null ? `The end date (MIS_END) "${row.MIS_END}" is not a date written dd/mm/yyyy.` : null);

// Blank is left to 565 and 566; lower case fails here although 564 accepts it, as in the validator.
export const rule1006: Ssda903Rule = missingRowRule('1006', 'Missing type invalid.', (row) =>
  !isBlank(row.MISSING) && row.MISSING !== 'M' && row.MISSING !== 'A' ? `The type (MISSING) "${row.MISSING}" is neither M (missing) nor A (away from placement without authorisation).` : null);

export const rule564: Ssda903Rule = missingRowRule('564', 'Child was missing or away from placement without authorisation, but the date started is blank.', (row) =>
  ['M', 'A', 'm', 'a'].includes(row.MISSING) && isBlank(row.MIS_START) ? `The episode has a type (${row.MISSING}) but no start date.` : null);

export const rule565: Ssda903Rule = missingRowRule('565', 'The date that the child started to be missing or away from placement without authorisation has been completed but whether the child was missing or away from placement without authorisation has not been completed.', (row) =>
  !isBlank(row.MIS_START) && isBlank(row.MISSING) ? 'The episode has a start date but no type (M or A).' : null);

export const rule566: Ssda903Rule = missingRowRule('566', 'The date that the child ceased to be missing or away from placement without authorisation has been completed but whether the child was missing or away from placement without authorisation has not been completed.', (row) =>
  !isBlank(row.MIS_END) && isBlank(row.MISSING) ? 'The episode has an end date but no type (M or A).' : null);

export const rule567: Ssda903Rule = missingRowRule('567', 'The date that the child ceased to be missing or away from placement without authorisation is before the date that the child started.', (row) => {
  const [start, end] = [dateOf(row.MIS_START), dateOf(row.MIS_END)];
  return start !== null && end !== null && start > end ? `The episode ends (${shown(end)}) before it starts (${shown(start)}).` : null;
});

export const rule586: Ssda903Rule = missingRowRule('586', 'Dates of missing periods are before the child’s date of birth.', (row) => {
  const [start, born] = [dateOf(row.MIS_START), dateOf(row.DOB)];
  return start !== null && born !== null && start <= born ? `The episode starts (${shown(start)}) on or before the date of birth (${shown(born)}).` : null;
});
