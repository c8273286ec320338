/**
 * The contract's child-matching rules (police-notifications.md): link by LA child id, else police person id,
 * else an exact match of normalised names and date of birth. A near match never links silently: it is put to
 * a Missing Officer as a possible same child, and two different children are never merged without them.
 */

/** Lower case, accents and punctuation removed: "O'Brien-Smith" and "obrien smith" are the same key. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export type MatchBasis = 'la_child_id' | 'police_person_id' | 'name_and_date_of_birth';

export const MATCH_BASIS_LABELS: Record<MatchBasis | 'new', string> = {
  la_child_id: 'Linked by local authority child id',
  police_person_id: 'Linked by police person id',
  name_and_date_of_birth: 'Linked by exact match of forename, surname and date of birth',
  new: 'New child record',
};

export interface MatchableChild {
  id: string;
  forenameNorm: string;
  surnameNorm: string;
  dateOfBirth: string;
}

/** Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) (rows[0] ?? [])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] ?? [];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((rows[i - 1]?.[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (rows[i - 1]?.[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row[j] = best;
    }
  }
  return rows[a.length]?.[b.length] ?? 0;
}

/** `2010-04-07` becomes `2010-07-04`; null when swapping day and month gives the same or no real date. */
export function swapDayAndMonth(isoDate: string): string | null {
  const [y, m, d] = isoDate.split('-');
  if (!y || !m || !d || m === d || Number(d) > 12) return null;
  return `${y}-${d}-${m}`;
}

/**
 * Why `candidate` might be the same child as `child`, or null when it is not a near match.
 * Near matches: same date of birth and names within two typing errors in all; or the same names with day
 * and month of the date of birth swapped.
 */
export function nearMatchReason(child: MatchableChild, candidate: MatchableChild): string | null {
  if (child.id === candidate.id) return null;
  const sameNames = child.forenameNorm === candidate.forenameNorm && child.surnameNorm === candidate.surnameNorm;
  if (child.dateOfBirth === candidate.dateOfBirth) {
    if (sameNames) return 'Same forename, surname and date of birth';
    const distance =
      editDistance(child.forenameNorm, candidate.forenameNorm) + editDistance(child.surnameNorm, candidate.surnameNorm);
    if (distance <= 2) return `Same date of birth; names differ by ${distance} letter${distance === 1 ? '' : 's'}`;
    const swappedNames = child.forenameNorm === candidate.surnameNorm && child.surnameNorm === candidate.forenameNorm;
    if (swappedNames) return 'Same date of birth; forename and surname swapped';
    return null;
  }
  if (sameNames && swapDayAndMonth(child.dateOfBirth) === candidate.dateOfBirth) {
    return 'Same names; day and month of the date of birth swapped';
  }
  return null;
}
