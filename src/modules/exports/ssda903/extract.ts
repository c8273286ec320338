/**
 * Homeward's records as the SSDA903 Header, Episodes and Missing tables for one collection year
 * (uk-standards.md 1.3-1.4, 7): this authority's looked-after children only; an episode open at the start of
 * the year is carried in with its original start; one still open at the year end has a blank end; one still
 * open on the child's 18th birthday is closed that day ("Records must not be closed before this point").
 */
import { eighteenthBirthday, londonDate, ukDate, type DateWindow } from '../dates.ts';
import {
  groupBy, lookedAfterHere, missingTypeOf, type ExportSource, type MissingTypeSetting, type SourceCarePeriod,
  type SourceChild, type SourceIncident,
} from '../source.ts';
import { lineOf, type EpisodeRow, type HeaderRow, type MissingRow, type RuleFailure, type Ssda903Tables } from './tables.ts';

export interface ExtractOptions {
  collection: DateWindow;
  /** The date the return is as at: the end of the collection year, or today if that is earlier. */
  asAt: string;
  missingType: MissingTypeSetting;
}

export interface Ssda903Extract {
  tables: Ssda903Tables;
  /** Homeward's own check before the rules: every child written needs a local authority child id. */
  problems: RuleFailure[];
}

interface ChildContext {
  child: SourceChild;
  CHILD: string;
  DOB: string;
  /** The day the child turned 18, if the return is as at that day or later. */
  ceasedAt18: string | null;
  birthday18: string;
}

export function extractSsda903(source: ExportSource, options: ExtractOptions): Ssda903Extract {
  const incidents = groupBy(source.incidents, (i) => i.childId);
  const periods = groupBy(source.ownCarePeriods, (p) => p.childId);
  const tables: Ssda903Tables = { header: [], episodes: [], missing: [] };
  const problems: RuleFailure[] = [];
  for (const child of [...source.children].sort(byChildId)) {
    const ctx = contextOf(child, options);
    const own = periods.get(child.id) ?? [];
    const missing = missingRows(ctx, (incidents.get(child.id) ?? []).filter((i) => lookedAfterHere(i, own)), options);
    const episodes = episodeRows(ctx, own, missing, options);
    if (episodes.length === 0 && missing.length === 0) continue;
    if (!child.laChildId?.trim()) problems.push(unidentified(child, episodes.length ? 'Header' : 'Missing', episodes.length ? tables.header.length : tables.missing.length));
    if (episodes.length) tables.header.push(headerRow(ctx));
    tables.episodes.push(...episodes);
    tables.missing.push(...missing);
  }
  return { tables, problems };
}

function byChildId(a: SourceChild, b: SourceChild): number {
  const [x, y] = [a.laChildId ?? '', b.laChildId ?? ''];
  return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : 1;
}

function contextOf(child: SourceChild, options: ExtractOptions): ChildContext {
  const birthday18 = eighteenthBirthday(child.dateOfBirth);
  return { child, CHILD: child.laChildId?.trim() ?? '', DOB: ukDate(child.dateOfBirth), birthday18, ceasedAt18: birthday18 <= options.asAt ? birthday18 : null };
}

function unidentified(child: SourceChild, table: 'Header' | 'Missing', index: number): RuleFailure {
  const message = `Homeward child ${child.id} has no local authority child id, so CHILD would be blank: record it on the child's record.`;
  return { rule: 'CHILD', table, row: lineOf(index), child: '', message };
}

function headerRow(ctx: ChildContext): HeaderRow {
  const SEX = ctx.child.sex === 'male' ? '1' : ctx.child.sex === 'female' ? '2' : '';
  return { CHILD: ctx.CHILD, SEX, DOB: ctx.DOB, ETHNIC: '', UPN: '', MOTHER: '', MC_DOB: '' };
}

function missingRows(ctx: ChildContext, incidents: readonly SourceIncident[], options: ExtractOptions): MissingRow[] {
  const { collection } = options;
  return [...incidents].sort((a, b) => a.lastSeenAt.getTime() - b.lastSeenAt.getTime()).flatMap((incident) => {
    const start = londonDate(incident.lastSeenAt);
    // From the 18th birthday on, the young person is no longer looked after.
    if (start >= ctx.birthday18 || start > collection.end) return [];
    let end = incident.foundAt ? londonDate(incident.foundAt) : null;
    if (ctx.ceasedAt18 !== null && (end === null || end > ctx.ceasedAt18)) end = ctx.ceasedAt18;
    if (end !== null && end < collection.start) return [];
    const MIS_END = end !== null && end > collection.end ? '' : ukDate(end);
    return [{ CHILD: ctx.CHILD, DOB: ctx.DOB, MISSING: missingTypeOf(incident, options.missingType), MIS_START: ukDate(start), MIS_END }];
  });
}

interface Episode {
  decom: string;
  dec: string | null;
}

/** The child's own-care periods as runs of dated episodes (a run: each period starts as the one before ends). */
function periodsOfCare(ctx: ChildContext, periods: readonly SourceCarePeriod[]): Episode[][] {
  const runs: Episode[][] = [];
  let previousEnd: number | null = null;
  for (const p of [...periods].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())) {
    const decom = londonDate(p.startsAt);
    if (decom >= ctx.birthday18) break;
    let dec = p.endsAt ? londonDate(p.endsAt) : null;
    if (ctx.ceasedAt18 !== null && (dec === null || dec > ctx.ceasedAt18)) dec = ctx.ceasedAt18;
    const run = runs[runs.length - 1];
    if (run && previousEnd === p.startsAt.getTime()) run.push({ decom, dec });
    else runs.push([{ decom, dec }]);
    previousEnd = p.endsAt?.getTime() ?? null;
  }
  return runs;
}

/**
 * Every episode of each period of care open at some time in the year, earlier ones included so that a
 * carried-in missing episode can be placed in its period of care. RNE is S at the start of a period of care
 * and P after (Homeward starts a new period when placement details change); REC is X1 between episodes, E8
 * when the child was still missing when care ended on their 18th birthday (rule 580), otherwise not held.
 */
function episodeRows(ctx: ChildContext, periods: readonly SourceCarePeriod[], missing: readonly MissingRow[], options: ExtractOptions): EpisodeRow[] {
  const { collection } = options;
  const endsOfMissing = new Set(missing.map((m) => m.MIS_END));
  return periodsOfCare(ctx, periods).flatMap((run) => {
    const last = run[run.length - 1];
    const first = run[0];
    if (!first || !last || first.decom > collection.end || (last.dec !== null && last.dec < collection.start)) return [];
    return run.filter((e) => e.decom <= collection.end).map((e, i) => {
      const DEC = e.dec === null || e.dec > collection.end ? '' : ukDate(e.dec);
      const missingAt18 = ctx.ceasedAt18 !== null && e.dec === ctx.ceasedAt18 && endsOfMissing.has(DEC);
      const REC = DEC === '' ? '' : e !== last ? 'X1' : missingAt18 ? 'E8' : '';
      return episodeRow(ctx.CHILD, { DECOM: ukDate(e.decom), RNE: i === 0 ? 'S' : 'P', DEC, REC });
    });
  });
}

function episodeRow(CHILD: string, known: Pick<EpisodeRow, 'DECOM' | 'RNE' | 'DEC' | 'REC'>): EpisodeRow {
  return { CHILD, ...known, LS: '', CIN: '', PLACE: '', PLACE_PROVIDER: '', REASON_PLACE_CHANGE: '', HOME_POST: '', PL_POST: '', URN: '' };
}
