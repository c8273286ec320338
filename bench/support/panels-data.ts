/**
 * The MASE panel for `npm run bench:panels`, written in SQL into the county: the 100 children most recently
 * missing on its monitoring list, each allocated to the social worker, with two concerns, two completed risk
 * assessments (the latest with a judgement per type and an answer to every indicator), a strategy meeting
 * attended by three agencies, four One Plan actions (one per strand) and two actions from the panel's last
 * meeting. Around them, what the criteria must look through: 20 children newly judged at high risk of sexual
 * exploitation and not on the list, and 2,000 other children with concerns and assessments of their own.
 */
import { CURRENT_ASSESSMENT_DEFINITION } from '../../src/modules/exploitation/risk-assessment-definition.ts';
import type { RunSql } from './panels-county.ts';

const INDICATORS = CURRENT_ASSESSMENT_DEFINITION.domains.flatMap((d) => d.indicators.map((i) => i.code));

// Who is who in the county.
const PEOPLE = `SELECT p.id AS panel_id,
  (SELECT id FROM users WHERE authority_code = '891' AND role = 'exploitation_lead' LIMIT 1) AS lead_id,
  (SELECT id FROM users WHERE authority_code = '891' AND role = 'social_worker' LIMIT 1) AS worker_id,
  (SELECT id FROM agencies WHERE authority_code = '891' AND kind = 'local_authority' LIMIT 1) AS la_id
  FROM panels p WHERE p.authority_code = '891' AND p.kind = :kind`;

// The children: k 1-100 monitored, 101-120 newly meeting the criteria, the rest background.
const CHOSEN = `CREATE TABLE bench_panel AS
  SELECT c.id AS child_id, row_number() OVER (ORDER BY last.seen DESC, c.id)::int AS k,
    gen_random_uuid() AS assessment_id, gen_random_uuid() AS old_assessment_id, gen_random_uuid() AS meeting_id
  FROM children c CROSS JOIN LATERAL (SELECT max(i.last_seen_at) AS seen FROM incidents i WHERE i.child_id = c.id) last
  WHERE c.authority_code = '891' ORDER BY last.seen DESC, c.id LIMIT :count`;

const STATEMENTS: [string, string][] = [
  ['monitoring list', `INSERT INTO panel_monitoring (id, panel_id, child_id, added_on, added_reason, added_by)
    SELECT gen_random_uuid(), :panel, child_id, :today::date - (20 + k), 'Referred after a MASH enquiry: seen with older men near the bus station', :lead
    FROM bench_panel WHERE k <= 100`],
  ['allocations', `INSERT INTO child_allocations (id, authority_code, child_id, user_id, allocated_at, allocated_by)
    SELECT gen_random_uuid(), '891', child_id, :worker, :now::timestamptz - interval '200 days', :lead FROM bench_panel WHERE k <= 100`],
  ['concerns', `INSERT INTO exploitation_concerns (id, authority_code, child_id, source, identified_on, types, what_was_seen, seen_by, raised_by, raised_by_agency_id)
    SELECT gen_random_uuid(), '891', child_id, (ARRAY['mash', 'casework', 'other_agency'])[1 + (k + n) % 3], :today::date - (k % 50 + n * 90),
      CASE WHEN k > 120 THEN ARRAY['criminal'] WHEN n = 0 THEN ARRAY['sexual'] ELSE ARRAY['sexual', 'criminal'] END, 'Seen getting into cars with older men', 'Youth worker', :worker, :la
    FROM bench_panel CROSS JOIN generate_series(0, 1) AS n`],
  ['assessments', `INSERT INTO risk_assessments (id, authority_code, child_id, definition_version, status, narrative, review_on, cin_factors, started_at, started_by, completed_at, completed_by)
    SELECT a.id, '891', child_id, 'ceera-2024.1', 'completed', 'Narrative of the concerns.', (:now::timestamptz - a.age + interval '90 days')::date,
      ARRAY['10A', '11A'], :now::timestamptz - a.age - interval '2 days', :worker, :now::timestamptz - a.age, :worker
    FROM bench_panel CROSS JOIN LATERAL (VALUES (assessment_id, make_interval(days => 3 + k % 80)), (old_assessment_id, make_interval(days => 300 + k % 80))) AS a(id, age)`],
  // The monitored and the newly-met: sexual high on the latest; the background: nothing above medium.
  ['judgements', `INSERT INTO risk_assessment_judgements (assessment_id, type, level, reasons)
    SELECT a.id, j.type, CASE WHEN k > 120 AND j.level = 'high' THEN 'medium' ELSE j.level END, 'The worker''s reasons for this judgement, with the evidence weighed.'
    FROM bench_panel CROSS JOIN LATERAL (VALUES (assessment_id), (old_assessment_id)) AS a(id)
    CROSS JOIN (VALUES ('sexual', 'high'), ('criminal', 'medium'), ('online', 'low')) AS j(type, level)`],
  ['indicators', `INSERT INTO risk_assessment_indicators (assessment_id, indicator, answer, evidence)
    SELECT assessment_id, code, (ARRAY['present', 'not_known', 'not_present', 'not_present'])[1 + abs(hashtext(child_id::text || code)) % 4], NULL
    FROM bench_panel CROSS JOIN unnest(:indicators::text[]) AS code WHERE k <= 120`],
  ['strategy meetings', `INSERT INTO exploitation_meetings (id, authority_code, child_id, kind, types, held_on, created_by)
    SELECT meeting_id, '891', child_id, 'strategy', ARRAY['sexual'], :today::date - (10 + k % 40), :worker FROM bench_panel WHERE k <= 100`],
  ['attendance', `INSERT INTO exploitation_meeting_attendance (meeting_id, agency_id, attended)
    SELECT meeting_id, a.id, true FROM bench_panel CROSS JOIN agencies a
    WHERE k <= 100 AND a.authority_code = '891' AND a.kind IN ('police', 'health', 'local_authority')`],
  ['plan actions', `INSERT INTO plan_actions (id, authority_code, child_id, strand, description, owner_name, agency_id, due_on, status, created_by)
    SELECT gen_random_uuid(), '891', child_id, s.strand, s.description, 'Named worker', (SELECT id FROM agencies WHERE authority_code = '891' ORDER BY id OFFSET (k + s.n) % 6 LIMIT 1),
      :today::date + (k % 40) - 20, (ARRAY['not_started', 'in_progress'])[1 + (k + s.n) % 2], :worker
    FROM bench_panel CROSS JOIN (VALUES (0, 'prepare', 'Sexual health drop-in'), (1, 'prevent', 'Mentoring with a youth worker each week'),
      (2, 'protect', 'Safety plan with the carers and the school'), (3, 'pursue', 'Child abduction warning notice to the adult seen')) AS s(n, strand, description)
    WHERE k <= 100`],
];

// The panel's last meeting, held a month ago, and two actions from it for each monitored child.
const LAST_MEETING = `INSERT INTO panel_meetings (id, panel_id, authority_code, meets_on, status, minutes, created_by)
  VALUES (gen_random_uuid(), :panel, '891', :today::date - 30, 'held', 'Quorate; every child discussed.', :lead) RETURNING id`;
const PANEL_ACTIONS = `INSERT INTO panel_actions (id, meeting_id, child_id, description, owner_name, agency_id, due_on, created_by)
  SELECT gen_random_uuid(), :meeting, child_id, a.description, 'Named officer', (SELECT id FROM agencies WHERE authority_code = '891' ORDER BY id OFFSET (k + a.n) % 6 LIMIT 1),
    :today::date + (k % 30) - 15, :lead
  FROM bench_panel CROSS JOIN (VALUES (0, 'Visit the address of concern'), (1, 'Share the return interview with the school')) AS a(n, description)
  WHERE k <= 100`;

export interface PanelData { panelId: string; leadId: string; children: number; criteria: number }

/** `:name` placeholders as the driver's `$n`, with the values in that order (each name bound once). */
function bind(text: string, values: Record<string, unknown>): [string, unknown[]] {
  const order: string[] = [];
  const sql = text.replace(/(?<!:):([a-z]+)/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`no value for :${name}`);
    if (!order.includes(name)) order.push(name);
    return `$${order.indexOf(name) + 1}`;
  });
  return [sql, order.map((name) => values[name])];
}

/** Writes the panel and its children's records; `now` dates everything relative to the run. */
export async function loadPanel(run: RunSql, now: Date, log: (line: string) => void): Promise<PanelData> {
  const exec = (text: string, values: Record<string, unknown>) => run(...bind(text, values));
  const [who] = (await exec(PEOPLE, { kind: 'mase' })).rows as { panel_id: string; lead_id: string; worker_id: string; la_id: string }[];
  if (!who) throw new Error('the county has no MASE panel: load the reference data first');
  await exec(CHOSEN, { count: 2120 });
  const values = { panel: who.panel_id, lead: who.lead_id, today: now.toISOString().slice(0, 10), worker: who.worker_id, now: now.toISOString(), la: who.la_id, indicators: INDICATORS };
  for (const [name, text] of STATEMENTS) {
    const started = Date.now();
    await exec(text, values);
    log(`  ${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const [meeting] = (await exec(LAST_MEETING, values)).rows as { id: string }[];
  await exec(PANEL_ACTIONS, { ...values, meeting: meeting?.id });
  await run('DROP TABLE bench_panel');
  await run('ANALYZE');
  return { panelId: who.panel_id, leadId: who.lead_id, children: 100, criteria: 20 };
}
