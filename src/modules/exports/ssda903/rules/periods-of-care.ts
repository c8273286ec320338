/**
 * Rules that check Missing rows against the Episodes they fall in: 575, 577, 578, 580, 581
 * (uk-standards.md 2.2). A period of care is a run of episodes, each starting no later than the one before
 * it ended (the validator's DECOM/DEC continuity).
 */
import { eighteenthBirthday } from '../../dates.ts';
import type { EpisodeRow, MissingRow, RuleFailure, RuleInput, Ssda903Rule } from '../tables.ts';
import { byChild, dateOf, failure, isBlank, shown } from './helpers.ts';

interface Span {
  start: string;
  end: string | null;
}

/** Each child's periods of care, built from episodes with a valid DECOM; a period ends with its last episode's DEC. */
export function periodsOfCare(episodes: readonly EpisodeRow[]): Map<string, Span[]> {
  const dated = episodes
    .map((e) => ({ child: e.CHILD, start: dateOf(e.DECOM), end: dateOf(e.DEC) }))
    .filter((e): e is { child: string; start: string; end: string | null } => e.start !== null)
    .sort((a, b) => (a.child === b.child ? (a.start < b.start ? -1 : a.start > b.start ? 1 : 0) : a.child < b.child ? -1 : 1));
  const periods = new Map<string, Span[]>();
  let previous: { child: string; end: string | null } | null = null;
  for (const e of dated) {
    const list = periods.get(e.child) ?? [];
    const last = list[list.length - 1];
    // A gap after a closed episode starts a new period; after an open one it cannot.
    const joins = previous?.child === e.child && last && !(previous.end !== null && e.start > previous.end);
    if (joins) last.end = e.end;
    else list.push({ start: e.start, end: e.end });
    periods.set(e.child, list);
    previous = e;
  }
  return periods;
}

/** Rows whose child has periods of care, failing when `outside` holds for every one of them. */
function outsideEveryPeriod(rule: Ssda903Rule, input: RuleInput, outside: (row: MissingRow, period: Span) => string | null): RuleFailure[] {
  const periods = periodsOfCare(input.tables.episodes);
  return input.tables.missing.flatMap((row, index) => {
    const own = periods.get(row.CHILD) ?? [];
    const reasons = own.map((p) => outside(row, p));
    const first = reasons[0];
    return own.length > 0 && reasons.every((r) => r !== null) && first ? [failure(rule, 'Missing', index, row.CHILD, first)] : [];
  });
}

const period = (p: Span) => `the period of care ${shown(p.start)} to ${p.end === null ? 'now' : shown(p.end)}`;

export const rule575: Ssda903Rule = {
  code: '575',
  message: 'If the placement from which the child goes missing/away from placement without authorisation ends, the missing/away from placement without authorisation period in the missing module must also have an end date.',
  check({ tables }) {
    const episodes = byChild(tables.episodes);
    return tables.missing.flatMap((row, index) => {
      const start = dateOf(row.MIS_START);
      if (start === null || !isBlank(row.MIS_END)) return [];
      const ended = (episodes.get(row.CHILD) ?? []).map(({ row: e }) => ({ decom: dateOf(e.DECOM), dec: dateOf(e.DEC) }))
        .find((e) => e.decom !== null && e.dec !== null && e.decom <= start && start <= e.dec);
      return ended?.dec ? [failure(rule575, 'Missing', index, row.CHILD, `The episode is still open, but the placement it started in ended on ${shown(ended.dec)}.`)] : [];
    });
  },
};

export const rule577: Ssda903Rule = {
  code: '577',
  message: 'Child ceased to be looked after but there is a missing/away from placement without authorisation period without an end date.',
  check: (input) => outsideEveryPeriod(rule577, input, (row, p) => {
    const [start, end] = [dateOf(row.MIS_START), dateOf(row.MIS_END)];
    if (start === null) return null;
    if (end === null && p.end !== null) return `The episode is still open, but ${period(p)} has ended.`;
    if (end === null && start < p.start) return `The episode is still open and started before ${period(p)}.`;
    if (end !== null && p.end !== null && end > p.end) return `The episode ends (${shown(end)}) after ${period(p)} ended.`;
    if (end !== null && end < p.start) return `The episode ends (${shown(end)}) before ${period(p)} began.`;
    return null;
  }),
};

export const rule578: Ssda903Rule = {
  code: '578',
  message: 'The date that the child started to be missing is after the child ceased to be looked after.',
  check: (input) => outsideEveryPeriod(rule578, input, (row, p) => {
    const start = dateOf(row.MIS_START);
    if (start === null) return null;
    if (start < p.start || (p.end !== null && start > p.end)) return `The episode starts (${shown(start)}) outside ${period(p)}.`;
    return null;
  }),
};

export const rule580: Ssda903Rule = {
  code: '580',
  message: 'Child is missing when cease being looked after but reason episode ceased not ‘E8’.',
  check({ tables }) {
    const missing = byChild(tables.missing);
    return tables.episodes.flatMap((episode, index) => {
      const dec = dateOf(episode.DEC);
      // The 18th birthday as UK law counts it (1 March for 29 February); pandas' DateOffset would say 28 February.
      const missingAt18 = (missing.get(episode.CHILD) ?? []).some(({ row }) => {
        const [end, born] = [dateOf(row.MIS_END), dateOf(row.DOB)];
        return dec !== null && end === dec && born !== null && eighteenthBirthday(born) === dec;
      });
      if (!missingAt18 || episode.REC === 'E8') return [];
      return [failure(rule580, 'Episodes', index, episode.CHILD, `The child was still missing on their 18th birthday (${shown(dec ?? '')}), when this episode ended, so the reason it ended (REC) must be E8, not "${episode.REC}".`)];
    });
  },
};

export const rule581: Ssda903Rule = {
  code: '581',
  message: 'Child is missing but has not yet started to be looked after.',
  check({ tables }) {
    const episodes = byChild(tables.episodes);
    return tables.missing.flatMap((row, index) => {
      const own = episodes.get(row.CHILD);
      if (!own) return [];
      const start = dateOf(row.MIS_START);
      const inside = own.some(({ row: e }) => {
        const [decom, dec] = [dateOf(e.DECOM), dateOf(e.DEC)];
        return start !== null && decom !== null && start >= decom && (dec === null || start <= dec);
      });
      return inside ? [] : [failure(rule581, 'Missing', index, row.CHILD, start === null ? 'The episode has no valid start date to place in an episode of care.' : `The episode starts (${shown(start)}) outside every episode of care recorded for the child.`)];
    });
  },
};
