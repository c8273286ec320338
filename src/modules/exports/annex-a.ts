/**
 * Ofsted ILACS Annex A List 8 ("Children in care"): the missing columns, keyed by Child Unique ID so an
 * authority can add them to the List 8 its case management system produces (uk-standards.md 4, 3.2).
 */
import { ssdRhiValues, type SsdYesNo } from '../return-interviews/outcomes.ts';
import { eighteenthBirthday, londonDate, type DateWindow } from './dates.ts';
import { groupBy, lookedAfterHere, missingTypeOf, type ExportSource, type MissingTypeSetting, type SourceChild, type SourceIncident } from './source.ts';

// Header text exactly as the sample workbook (liia-tools spec/annex_a/samples/Annex_A.xlsx, sheet "List 8").
export const ANNEX_A_MISSING_COLUMNS = [
  'Child Unique ID',
  'Number of Episodes the Child has been ‘Missing’ from their Placement in the last 12 months',
  'Number of Episodes the Child has been ‘Absent’ from their Placement in the last 12 months',
  'Was the child offered a Return Interview after their last missing episode (Y/N)?',
  'Did the child accept a Return Interview after their last missing episode (Y/N)?',
] as const;
export type AnnexARow = Record<(typeof ANNEX_A_MISSING_COLUMNS)[number], string>;

/** The Annex A value list (data-map.yml): Y, N, and anything else (NA, not known) as unknown. */
export function annexAYesNo(value: SsdYesNo): string {
  return value === 'Y' ? 'a) Yes' : value === 'N' ? 'b) No' : 'c) Unknown';
}

/**
 * One row per child this authority looked after at some time in the twelve months (or whose missing
 * episode in them was from its care). Episodes count by their start in the window, M as "Missing" and A as
 * "Absent"; the return interview columns describe the last M episode (a closed one before an open one, as
 * the SSD's Annex A script ranks them), blank when the child had none.
 */
export function annexAList8Missing(source: ExportSource, options: { window: DateWindow; missingType: MissingTypeSetting }): AnnexARow[] {
  const { window } = options;
  const periods = groupBy(source.ownCarePeriods, (p) => p.childId);
  const incidents = groupBy(source.incidents, (i) => i.childId);
  return source.children.flatMap((child) => {
    const own = periods.get(child.id) ?? [];
    const adult = eighteenthBirthday(child.dateOfBirth);
    const episodes = (incidents.get(child.id) ?? []).filter((i) => {
      const start = londonDate(i.lastSeenAt);
      return start >= window.start && start <= window.end && start < adult && lookedAfterHere(i, own);
    });
    // Care ends at 18 whatever the record says, so a young person who was 18 before the window is not listed.
    const inCare = window.start < adult && own.some((p) => londonDate(p.startsAt) <= window.end && (p.endsAt === null || londonDate(p.endsAt) >= window.start));
    return inCare || episodes.length ? [rowFor(child, episodes, options.missingType)] : [];
  }).sort((a, b) => (a['Child Unique ID'] < b['Child Unique ID'] ? -1 : a['Child Unique ID'] > b['Child Unique ID'] ? 1 : 0));
}

function rowFor(child: SourceChild, episodes: readonly SourceIncident[], setting: MissingTypeSetting): AnnexARow {
  const missing = episodes.filter((e) => missingTypeOf(e, setting) === 'M');
  const last = [...missing].sort((a, b) => Number(a.foundAt === null) - Number(b.foundAt === null) || b.lastSeenAt.getTime() - a.lastSeenAt.getTime())[0];
  const rhi = last ? ssdRhiValues(last.rhi) : null;
  return {
    'Child Unique ID': child.laChildId ?? '',
    'Number of Episodes the Child has been ‘Missing’ from their Placement in the last 12 months': String(missing.length),
    'Number of Episodes the Child has been ‘Absent’ from their Placement in the last 12 months': String(episodes.length - missing.length),
    'Was the child offered a Return Interview after their last missing episode (Y/N)?': rhi ? annexAYesNo(rhi.offered) : '',
    'Did the child accept a Return Interview after their last missing episode (Y/N)?': rhi ? annexAYesNo(rhi.accepted) : '',
  };
}
