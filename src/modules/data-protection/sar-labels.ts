/** Names of record types and fields as a reader of a subject access export would say them. */

const TABLE_LABELS: Record<string, string> = {
  children: 'Child record (and duplicate records merged into it)',
  care_periods: 'Care status',
  child_known_names: 'Other names known by',
  incidents: 'Missing incidents',
  incident_changes: 'Changes to missing incidents',
  possible_matches: 'Possible matches with other records',
  tasks: 'Tasks',
  meeting_requests: 'Multi-agency meeting requests',
  meeting_request_incidents: 'Incidents counted for a meeting',
  meeting_attendance: 'Meeting attendance',
  meeting_decisions: 'Meeting decisions',
  meeting_actions: 'Meeting actions',
  return_interviews: 'Return home interviews',
  return_interview_factors: 'Reasons given at return home interviews',
  return_interview_risks: 'Risks identified at return home interviews',
  return_interview_actions: 'Actions from return home interviews',
  rhi_feedback_links: 'Feedback links sent',
  rhi_feedback: 'Feedback on return home interviews',
  alerts: 'Alerts',
  email_outbox: 'Alert e-mails',
  philomena_profiles: 'Philomena Protocol profile',
  philomena_photos: 'Photos',
  philomena_incident_details: 'Philomena Protocol details of a missing incident',
  philomena_changes: 'Changes to the Philomena Protocol records',
  child_allocations: 'Allocated workers',
  exploitation_concerns: 'Exploitation concerns',
  risk_assessments: 'Exploitation risk assessments',
  risk_assessment_indicators: 'Risk assessment indicators',
  risk_assessment_judgements: 'Risk assessment judgements',
  exploitation_meetings: 'Exploitation meetings',
  exploitation_meeting_attendance: 'Exploitation meeting attendance',
  exploitation_meeting_decisions: 'Exploitation meeting decisions',
  exploitation_meeting_actions: 'Exploitation meeting actions',
  panel_monitoring: 'Panel monitoring',
  panel_agenda_items: 'Panel agenda items',
  panel_decisions: 'Panel decisions',
  panel_actions: 'Panel actions',
  plan_actions: 'One Plan actions',
  plan_reviews: 'One Plan reviews',
  location_links: 'Links to locations',
  person_links: 'Links to persons who may pose a risk',
  locations: 'Locations linked to the child',
  persons_of_concern: 'Persons who may pose a risk, linked to the child',
  break_glass_grants: 'Records opened with a reason (break-glass)',
  restricted_records: 'Restriction of the record',
  restricted_record_users: 'People named on the restriction',
  audit_events: 'Who has seen or changed the record',
};

/** A table's label; a table added later reads as its own name in words until it is given one. */
export function tableLabel(table: string): string {
  return TABLE_LABELS[table] ?? sentence(table);
}

const ORDER = Object.keys(TABLE_LABELS);

/** Record types in reading order: the child first, then missing incidents, interviews, exploitation...; later tables last, by name. */
export function byReadingOrder(a: string, b: string): number {
  const [i, j] = [ORDER.indexOf(a), ORDER.indexOf(b)];
  if (i >= 0 && j >= 0) return i - j;
  if (i >= 0 || j >= 0) return i >= 0 ? -1 : 1;
  return a.localeCompare(b);
}

/** A column's label: `last_seen_at` → "Last seen at". */
export function columnLabel(column: string): string {
  return sentence(column);
}

function sentence(name: string): string {
  const words = name.replaceAll('_', ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
