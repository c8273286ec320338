/**
 * Rules that place Missing rows in the collection year (570, 571), against each other (574) and against
 * last year's return (576). uk-standards.md 2.2.
 */
import type { MissingRow, RuleFailure, Ssda903Rule } from '../tables.ts';
import { byChild, compareDates, dateOf, failure, isBlank, missingRowRule, shown } from './helpers.ts';

export const rule570: Ssda903Rule = missingRowRule('570', 'The date that the child started to be missing is after the end of the collection year.', (row, { collection }) => {
  const start = dateOf(row.MIS_START);
  return start !== null && start > collection.end ? `The episode starts (${shown(start)}) after the collection year ends (${shown(collection.end)}).` : null;
});

export const rule571: Ssda903Rule = missingRowRule('571', 'The date that the child ceased to be missing or away from placement without authorisation is before the start or after the end of the collection year.', (row, { collection }) => {
  const end = dateOf(row.MIS_END);
  if (end === null || (end >= collection.start && end <= collection.end)) return null;
  return `The episode ends (${shown(end)}) outside the collection year (${shown(collection.start)} to ${shown(collection.end)}); an episode still open at the year end has a blank end date.`;
});

interface Dated {
  row: MissingRow;
  index: number;
  start: string | null;
  end: string | null;
}

/** 574: per child, ordered by end (the start when open) then start, each episode after the previous one ends. */
export const rule574: Ssda903Rule = {
  code: '574',
  message: 'A new missing/away from placement without authorisation period cannot start when the previous missing/away from placement without authorisation period is still open. Missing/away from placement without authorisation periods should also not overlap.',
  check({ tables }) {
    const failures: RuleFailure[] = [];
    for (const rows of byChild(tables.missing).values()) {
      const dated: Dated[] = rows.map(({ row, index }) => ({ row, index, start: dateOf(row.MIS_START), end: dateOf(row.MIS_END) }));
      dated.sort((a, b) => compareDates(a.end ?? a.start, b.end ?? b.start) || compareDates(a.start, b.start));
      dated.forEach((current, i) => {
        const previous = dated[i - 1];
        const why = previous ? overlap(previous, current) : null;
        if (why) failures.push(failure(rule574, 'Missing', current.index, current.row.CHILD, why));
      });
    }
    return failures.sort((a, b) => a.row - b.row);
  },
};

function overlap(previous: Dated, current: Dated): string | null {
  const line = previous.index + 2;
  const from = previous.start === null ? 'with no start date' : `from ${shown(previous.start)}`;
  if (previous.end === null) return `Another episode of this child (${from}, line ${line}) is still open: a new episode cannot start while one is open.`;
  if (current.start !== null && current.start < previous.end) {
    const span = previous.start === null ? `ending ${shown(previous.end)}` : `${shown(previous.start)} to ${shown(previous.end)}`;
    return `The episode starts on ${shown(current.start)}, before another episode of this child (${span}, line ${line}) ended: episodes must not overlap.`;
  }
  return null;
}

// A blank start sorts after every date, as the validator fills it with 01/01/2099 before taking the earliest.
const FAR_FUTURE = '2099-01-01';

/** 576: an episode open in last year's return reappears as the child's earliest episode, with the same start. */
export const rule576: Ssda903Rule = {
  code: '576',
  message: 'There is an open missing/away from placement without authorisation period in last year’s return and there is no corresponding period recorded at the start of this year.',
  check({ tables, missingLast }) {
    const openLast = byChild(missingLast.filter((r) => isBlank(r.MIS_END)));
    const failures: RuleFailure[] = [];
    for (const [child, rows] of byChild(tables.missing)) {
      const earliest = rows.reduce((best, r) => ((dateOf(r.row.MIS_START) ?? FAR_FUTURE) < (dateOf(best.row.MIS_START) ?? FAR_FUTURE) ? r : best));
      const start = dateOf(earliest.row.MIS_START) ?? FAR_FUTURE;
      const unmatched = (openLast.get(child) ?? []).map((r) => dateOf(r.row.MIS_START)).find((s) => s !== null && s !== start);
      if (unmatched) {
        failures.push(failure(rule576, 'Missing', earliest.index, child, `Last year's return has an episode open since ${shown(unmatched)}, but this year's first episode ${start === FAR_FUTURE ? 'has no start date' : `starts on ${shown(start)}`}: an open episode is carried into the next year with the same start date.`));
      }
    }
    return failures.sort((a, b) => a.row - b.row);
  },
};
