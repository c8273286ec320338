/**
 * The Standard Safeguarding Dataset table `ssd_missing` (data-to-insight ssd-data-model, uk-standards.md
 * 3.1): one row per missing episode, with the return interview's offered/accepted values.
 */
import { formatIsoLondon } from '../missing/uk-time.ts';
import { ssdRhiValues } from '../return-interviews/outcomes.ts';
import { groupBy, missingTypeOf, type ExportSource, type MissingTypeSetting } from './source.ts';

export const SSD_MISSING_COLUMNS = [
  'miss_table_id', 'miss_person_id', 'miss_missing_episode_start_date', 'miss_missing_episode_type',
  'miss_missing_episode_end_date', 'miss_missing_rhi_offered', 'miss_missing_rhi_accepted',
] as const;
export type SsdMissingRow = Record<(typeof SSD_MISSING_COLUMNS)[number], string>;

/** A DATETIME as SQL Server writes it (`yyyy-mm-dd hh:mm:ss`), in the authority's own time, Europe/London. */
export function ssdDateTime(d: Date | null): string {
  return d === null ? '' : formatIsoLondon(d).slice(0, 19).replace('T', ' ');
}

/**
 * Every episode of this authority's children, from home or from its care (the SSD does not restrict to
 * looked-after children); children looked after by another authority are left to that authority's dataset.
 * `miss_person_id` is the local authority child id, the key of `ssd_person` in the case management system;
 * Homeward's own id stands in where none is recorded. NULL is written as an empty cell.
 */
export function ssdMissingRows(source: ExportSource, missingType: MissingTypeSetting): SsdMissingRow[] {
  const children = groupBy(source.children, (c) => c.id);
  return source.incidents
    .filter((i) => i.classification !== 'ola_care')
    .sort((a, b) => a.lastSeenAt.getTime() - b.lastSeenAt.getTime() || (a.id < b.id ? -1 : 1))
    .map((incident) => {
      const child = children.get(incident.childId)?.[0];
      const rhi = ssdRhiValues(incident.rhi);
      return {
        miss_table_id: incident.id,
        miss_person_id: child?.laChildId ?? incident.childId,
        miss_missing_episode_start_date: ssdDateTime(incident.lastSeenAt),
        miss_missing_episode_type: missingTypeOf(incident, missingType),
        miss_missing_episode_end_date: ssdDateTime(incident.foundAt),
        miss_missing_rhi_offered: rhi.offered ?? '',
        miss_missing_rhi_accepted: rhi.accepted ?? '',
      };
    });
}
