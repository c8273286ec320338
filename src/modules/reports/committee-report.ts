/**
 * The committee measures as a report: the period for the authority, the same measures by district beside the
 * authority total, and two charts (return interview timeliness; incidents by district). Definitions: committee.ts.
 */
import type { Tx } from '../../db/database.ts';
import { describeCommitteeSettings, hoursText, type Committee, type CommitteeMeasures, type CommitteeSettings } from './committee-measures.ts';
import { computeCommitteeByDistrict, TOTAL, type CommitteeByDistrict } from './committee.ts';
import type { ChartSpec, MeasureKind, Report, ReportContext, ReportDefinition, ReportRow, Value } from './framework.ts';

type Measure = { key: keyof CommitteeMeasures; label: string; kind: MeasureKind };

/** The rows, in the order of seed 000 paragraph 29; labels name the windows the authority chose. */
export function committeeMeasures(s: CommitteeSettings): Measure[] {
  const offer = hoursText(s.rhi.offerHours);
  const complete = hoursText(s.rhi.completeHours);
  return [
    { key: 'notifications', label: 'Missing notifications received from the police', kind: 'count' },
    { key: 'notification_individuals', label: 'Relating to individuals', kind: 'individuals' },
    { key: 'incidents', label: 'Incidents that started in the period', kind: 'count' },
    { key: 'individuals', label: 'Relating to individuals', kind: 'individuals' },
    { key: 'episodes_female_pct', label: 'Incidents relating to girls (%)', kind: 'percent' },
    { key: 'episodes_male_pct', label: 'Incidents relating to boys (%)', kind: 'percent' },
    { key: 'individuals_home_pct', label: 'Individuals missing from home (%)', kind: 'percent' },
    { key: 'individuals_own_care_pct', label: "Individuals missing from this authority's care (%)", kind: 'percent' },
    { key: 'individuals_ola_pct', label: "Other authorities' looked after children missing from care here (%)", kind: 'percent' },
    { key: 'peak_age', label: 'Peak age', kind: 'age' },
    { key: 'peak_age_range', label: 'Peak age range', kind: 'age-range' },
    { key: 'incidents_ended', label: 'Incidents that ended in the period', kind: 'count' },
    { key: 'rhi_completed_pct_home', label: 'Return interviews completed: children missing from home (%)', kind: 'percent' },
    { key: 'rhi_completed_pct_looked_after', label: 'Return interviews completed: looked after children (%)', kind: 'percent' },
    { key: 'rhi_offered_within_72h_pct', label: `Return interviews offered within ${offer} of return (%)`, kind: 'percent' },
    { key: 'rhi_completed_within_72h_pct', label: `Return interviews completed within ${complete} of return (%)`, kind: 'percent' },
    { key: 'rhi_declined_pct', label: 'Return interviews declined by the child (%)', kind: 'percent' },
    { key: 'rhi_advice_pct', label: 'Advice and information given instead of an interview (%)', kind: 'percent' },
    { key: 'rhi_not_attempted_pct', label: 'Return interviews not attempted, with the reason recorded (%)', kind: 'percent' },
    { key: 'meetings_requested', label: 'Repeat missing multi-agency meetings requested', kind: 'count' },
    { key: 'meetings_completed', label: 'Multi-agency meetings completed (held in the period)', kind: 'count' },
    { key: 'meetings_completed_pct', label: 'Meetings requested in the period that have been completed (%)', kind: 'percent' },
    { key: 'notified_within_24h_pct_missing', label: 'Missing notifications received within 24 hours of the police report (%)', kind: 'percent' },
    { key: 'notified_within_72h_pct_missing', label: 'Missing notifications received within 72 hours of the police report (%)', kind: 'percent' },
    { key: 'notified_within_24h_pct_absent', label: 'No apparent risk (absent) notifications received within 24 hours (%)', kind: 'percent' },
    { key: 'notified_within_72h_pct_absent', label: 'No apparent risk (absent) notifications received within 72 hours (%)', kind: 'percent' },
  ];
}

/** One row per measure, then per push/pull factor and per risk, with a value for each column. */
export function committeeRows(s: CommitteeSettings, columns: readonly { key: string; committee: Committee }[]): ReportRow[] {
  const each = (value: (c: Committee) => Value) => Object.fromEntries(columns.map((col) => [col.key, value(col.committee)]));
  const codeRows = (list: 'factors' | 'risks', prefix: string, label: string): ReportRow[] =>
    (columns[0]?.committee[list] ?? []).map((item) => ({
      key: `${prefix}_${item.code}`, label: `${label}: ${item.label}`, kind: 'count' as const,
      values: each((c) => c[list].find((x) => x.code === item.code)?.count ?? 0),
    }));
  return [
    ...committeeMeasures(s).map((m) => ({ key: m.key, label: m.label, kind: m.kind, values: each((c) => c.measures[m.key]) })),
    ...codeRows('factors', 'factor', 'Reason given at return interviews'),
    ...codeRows('risks', 'risk', 'Risk identified at return interviews'),
  ];
}

const NOTES = [
  'Notifications count when they reached the authority. Incidents, sex, where from, age and notification timeliness count by when the incident started; return interviews, reasons and risks by when it ended (the child was found), whether or not an interview has been recorded yet.',
  'Percentages of incidents include incidents of children whose sex is not known. A child missing from more than one place (or in more than one district) counts in each, so those rows and columns need not add up.',
  '"Missing" notifications are those graded anything but no apparent risk at first notification (very low included); "absent" are those graded no apparent risk. Within 72 hours includes those within 24 hours.',
  'Meetings requested are dated by the start of the incident that met the threshold (cancelled requests included); meetings completed are those held in the period; the percentage completed is of the meetings requested in the period, held at any time since.',
  'Child sexual and criminal exploitation measures are not yet recorded here and will follow.',
];

export function timelinessChart(total: Committee, s: CommitteeSettings): ChartSpec {
  const offered = `Offered within ${hoursText(s.rhi.offerHours)}`;
  const completed = `Completed within ${hoursText(s.rhi.completeHours)}`;
  const groups = [['Missing from home', total.rhiTimeliness.home], ['Looked after', total.rhiTimeliness.lookedAfter]] as const;
  return {
    id: 'committee-rhi-timeliness', title: 'Return home interviews offered and completed in time', kind: 'grouped-bar',
    description: 'Of the incidents that ended in the period, the percentage whose return interview was offered, and completed, within the window after the child returned, for children missing from home and looked after children.',
    categoryLabel: 'Where the child was missing from', valueLabel: 'Percentage of incidents ended',
    data: groups.flatMap(([category, t]) => [
      ...(t.offered === null ? [] : [{ series: offered, category, value: t.offered }]),
      ...(t.completed === null ? [] : [{ series: completed, category, value: t.completed }]),
    ]),
  };
}

export function districtChart(byDistrict: CommitteeByDistrict): ChartSpec {
  return {
    id: 'committee-incidents-by-district', title: 'Incidents by district', kind: 'bar',
    description: 'The number of incidents of children missing that started in the period, in each district.',
    categoryLabel: 'District', valueLabel: 'Incidents',
    data: byDistrict.districts.map((d) => ({ series: 'Incidents', category: d.label, value: d.committee.measures.incidents })),
  };
}

async function buildCommittee(q: Tx, ctx: ReportContext): Promise<Report> {
  const { period } = ctx;
  const result = await computeCommitteeByDistrict(q, { authorityCode: ctx.authorityCode, start: period.start, end: period.end, settings: ctx.settings });
  const s = result.settings;
  const periodKey = period.quarter ? `${period.fy} Q${period.quarter}` : period.fy;
  const districtColumns = [...result.districts, { key: TOTAL, label: 'Total', committee: result.total }];
  return {
    id: 'committee', title: 'Committee performance measures: children missing from home and care',
    authority: { code: ctx.authorityCode, name: ctx.authorityName }, period, generatedAt: ctx.now,
    settings: describeCommitteeSettings(s),
    tables: [
      {
        id: 'committee', title: `Committee measures, ${period.label}`, columns: [{ key: periodKey, label: period.label }],
        rows: committeeRows(s, [{ key: periodKey, committee: result.total }]), notes: NOTES,
      },
      {
        id: 'committee-by-district', title: `Committee measures by district, ${period.label}`, columns: districtColumns.map(({ key, label }) => ({ key, label })),
        rows: committeeRows(s, districtColumns), notes: NOTES,
      },
    ],
    charts: [timelinessChart(result.total, s), districtChart(result)],
  };
}

export const COMMITTEE_REPORT: ReportDefinition = {
  id: 'committee',
  title: 'Committee performance measures',
  description: 'Notifications, who went missing and from where, return home interviews, repeat missing meetings and notification timeliness, for a quarter or a financial year, by district.',
  quarters: true,
  build: buildCommittee,
};
