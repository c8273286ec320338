/** The Reports page's query string (a GET form): report period, quarter, published or operational, format. */
import { DateTime } from 'luxon';
import { financialYearsEnding } from '../../modules/reports/framework.ts';
import { isReportFormat, type ReportFormat } from '../../modules/reports/render/index.ts';

export interface ReportQuery {
  fy: string;
  quarter: string;
  published: boolean;
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** "yes", "true", "1", "on" mean published; anything else is the operational view (never suppressed). */
export const isPublished = (value: unknown) => ['yes', 'true', '1', 'on'].includes(text(value).toLowerCase());

export function parseReportQuery(q: Record<string, unknown>): ReportQuery & { format: ReportFormat | null; asked: boolean } {
  const format = text(q.format);
  return {
    fy: text(q.fy),
    quarter: text(q.quarter).toUpperCase(),
    published: isPublished(q.published),
    format: isReportFormat(format) ? format : null,
    asked: 'fy' in q,
  };
}

/** The query string for a report page or a download of it. */
export function reportQueryString(query: ReportQuery, format?: ReportFormat): string {
  const params = new URLSearchParams({ fy: query.fy, ...(query.quarter ? { quarter: query.quarter } : {}), published: query.published ? 'true' : 'false', ...(format ? { format } : {}) });
  return `?${params.toString()}`;
}

/** The financial year a date falls in, in UK time: 21 November 2026 → "2026/27". */
export function financialYearOf(at: Date): string {
  const local = DateTime.fromJSDate(at, { zone: 'Europe/London' });
  const first = local.month >= 4 ? local.year : local.year - 1;
  return `${first}/${String((first + 1) % 100).padStart(2, '0')}`;
}

/** The years offered: the last ten, newest first, and an older one asked for by its address; it is selected. */
export function yearChoices(now: Date, selected: string): { value: string; text: string; selected: boolean }[] {
  const years = financialYearsEnding(financialYearOf(now), 10).reverse();
  if (/^\d{4}\/\d{2}$/.test(selected) && !years.includes(selected)) years.push(selected);
  return years.map((fy) => ({ value: fy, text: fy, selected: fy === selected }));
}

/** The year a person most likely wants: the last complete one. */
export const lastCompleteYear = (now: Date) => financialYearsEnding(financialYearOf(now), 2)[0] ?? financialYearOf(now);
