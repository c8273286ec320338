/**
 * Drizzle table declarations for the query layer. The SQL migrations in ./migrations are the source of truth
 * for constraints and indexes; test/db/schema.test.ts checks that every column declared here exists there.
 */
import {
  bigserial,
  boolean,
  char,
  date,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const authorityCode = () => char('authority_code', { length: 3 }).notNull();

export const authorities = pgTable('authorities', {
  code: char('code', { length: 3 }).primaryKey(),
  name: text('name').notNull(),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const districts = pgTable('districts', {
  id: serial('id').primaryKey(),
  authorityCode: authorityCode(),
  name: text('name').notNull(),
});

export const agencies = pgTable('agencies', {
  id: uuid('id').primaryKey(),
  authorityCode: authorityCode(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
});

export const users = pgTable('users', {
  id: uuid('id').primaryKey(),
  authorityCode: authorityCode(),
  agencyId: uuid('agency_id').notNull(),
  email: text('email').notNull(),
  displayName: text('display_name').notNull(),
  role: text('role').notNull(),
  passwordHash: text('password_hash').notNull(),
  failedSignIns: integer('failed_sign_ins').notNull().default(0),
  lockedUntil: ts('locked_until'),
  disabledAt: ts('disabled_at'),
  team: text('team'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const sessions = pgTable('sessions', {
  sid: text('sid').primaryKey(),
  data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  expiresAt: ts('expires_at').notNull(),
});

export const apiKeys = pgTable('api_keys', {
  id: uuid('id').primaryKey(),
  agencyId: uuid('agency_id').notNull(),
  authorityCode: authorityCode(),
  name: text('name').notNull(),
  prefix: text('prefix').notNull(),
  keyHash: text('key_hash').notNull(),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  revokedAt: ts('revoked_at'),
  revokedBy: uuid('revoked_by'),
});

export const children = pgTable('children', {
  id: uuid('id').primaryKey(),
  authorityCode: authorityCode(),
  forename: text('forename').notNull(),
  surname: text('surname').notNull(),
  forenameNorm: text('forename_norm').notNull(),
  surnameNorm: text('surname_norm').notNull(),
  dateOfBirth: date('date_of_birth', { mode: 'string' }).notNull(),
  sex: text('sex'),
  laChildId: text('la_child_id'),
  policePersonId: text('police_person_id'),
  districtId: integer('district_id'),
  createdVia: text('created_via').notNull().default('manual'),
  mergedInto: uuid('merged_into'),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const carePeriods = pgTable('care_periods', {
  id: uuid('id').primaryKey(),
  authorityCode: authorityCode(),
  childId: uuid('child_id').notNull(),
  status: text('status').notNull(),
  startsAt: ts('starts_at').notNull(),
  endsAt: ts('ends_at'),
  placement: text('placement'),
  outOfArea: boolean('out_of_area').notNull().default(false),
  responsibleAuthority: text('responsible_authority'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const incidents = pgTable('incidents', {
  id: uuid('id').primaryKey(),
  authorityCode: authorityCode(),
  childId: uuid('child_id').notNull(),
  sourceAgencyId: uuid('source_agency_id'),
  policeReference: text('police_reference').notNull(),
  reportedAt: ts('reported_at').notNull(),
  notifiedAt: ts('notified_at').notNull(),
  lastSeenAt: ts('last_seen_at').notNull(),
  foundAt: ts('found_at'),
  riskGrade: text('risk_grade').notNull(),
  initialRiskGrade: text('initial_risk_grade').notNull(),
  reportedMissingFrom: text('reported_missing_from').notNull(),
  classification: text('classification').notNull(),
  classificationOverrideReason: text('classification_override_reason'),
  responsibleAuthority: text('responsible_authority'),
  districtId: integer('district_id'),
  missingFromPostcode: text('missing_from_postcode'),
  foundLocation: text('found_location'),
  foundPostcode: text('found_postcode'),
  foundBy: text('found_by'),
  harm: text('harm'),
  harmNotes: text('harm_notes'),
  circumstances: text('circumstances'),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const incidentChanges = pgTable('incident_changes', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  incidentId: uuid('incident_id').notNull(),
  changedAt: ts('changed_at').notNull().defaultNow(),
  changedByUser: uuid('changed_by_user'),
  changedByAgency: uuid('changed_by_agency'),
  source: text('source').notNull(),
  field: text('field').notNull(),
  oldValue: text('old_value'),
  newValue: text('new_value'),
  reason: text('reason'),
});

export const possibleMatches = pgTable('possible_matches', {
  id: uuid('id').primaryKey(),
  authorityCode: authorityCode(),
  childId: uuid('child_id').notNull(),
  candidateChildId: uuid('candidate_child_id').notNull(),
  reason: text('reason').notNull(),
  status: text('status').notNull().default('open'),
  decidedBy: uuid('decided_by'),
  decidedAt: ts('decided_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const tasks = pgTable('tasks', {
  id: uuid('id').primaryKey(),
  authorityCode: authorityCode(),
  kind: text('kind').notNull(),
  childId: uuid('child_id').notNull(),
  incidentId: uuid('incident_id'),
  description: text('description').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  doneAt: ts('done_at'),
  doneBy: uuid('done_by'),
  doneNote: text('done_note'),
});

export const auditEvents = pgTable('audit_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: ts('at').notNull().defaultNow(),
  authorityCode: char('authority_code', { length: 3 }),
  userId: uuid('user_id'),
  agencyId: uuid('agency_id'),
  action: text('action').notNull(),
  childId: uuid('child_id'),
  subjectType: text('subject_type'),
  subjectId: text('subject_id'),
  correlationId: text('correlation_id'),
  details: jsonb('details').$type<Record<string, unknown>>(),
});

export const childKnownNames = pgTable('child_known_names', {
  id: uuid('id').primaryKey(),
  authorityCode: authorityCode(),
  childId: uuid('child_id').notNull(),
  forename: text('forename').notNull(),
  surname: text('surname').notNull(),
  forenameNorm: text('forename_norm').notNull(),
  surnameNorm: text('surname_norm').notNull(),
  dateOfBirth: date('date_of_birth', { mode: 'string' }).notNull(),
  source: text('source').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const meetingRequests = pgTable('meeting_requests', {
  id: uuid('id').primaryKey(),
  authorityCode: authorityCode(),
  childId: uuid('child_id').notNull(),
  status: text('status').notNull().default('requested'),
  requestedFor: ts('requested_for').notNull(),
  explanation: text('explanation').notNull(),
  rule: text('rule').notNull(),
  scheduledFor: ts('scheduled_for'),
  heldAt: ts('held_at'),
  completedAt: ts('completed_at'),
  cancelledAt: ts('cancelled_at'),
  cancelReason: text('cancel_reason'),
  createdAt: ts('created_at').notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

export const meetingRequestIncidents = pgTable('meeting_request_incidents', {
  meetingRequestId: uuid('meeting_request_id').notNull(),
  incidentId: uuid('incident_id').notNull(),
});

export const meetingAttendance = pgTable('meeting_attendance', {
  meetingRequestId: uuid('meeting_request_id').notNull(),
  agencyId: uuid('agency_id').notNull(),
  attended: boolean('attended').notNull(),
});

export const meetingDecisions = pgTable('meeting_decisions', {
  id: uuid('id').primaryKey(),
  meetingRequestId: uuid('meeting_request_id').notNull(),
  decision: text('decision').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const meetingActions = pgTable('meeting_actions', {
  id: uuid('id').primaryKey(),
  meetingRequestId: uuid('meeting_request_id').notNull(),
  description: text('description').notNull(),
  ownerName: text('owner_name').notNull(),
  agencyId: uuid('agency_id').notNull(),
  dueOn: date('due_on', { mode: 'string' }).notNull(),
  status: text('status').notNull().default('open'),
  doneAt: ts('done_at'),
});

export const returnInterviews = pgTable('return_interviews', {
  id: uuid('id').primaryKey(),
  authorityCode: authorityCode(),
  incidentId: uuid('incident_id').notNull(),
  childId: uuid('child_id').notNull(),
  providerAgencyId: uuid('provider_agency_id'),
  workerUserId: uuid('worker_user_id'),
  requestedAt: ts('requested_at').notNull(),
  returnedAt: ts('returned_at').notNull(),
  offeredAt: ts('offered_at'),
  offerMethod: text('offer_method'),
  offeredBy: text('offered_by'),
  offeredByIndependent: boolean('offered_by_independent'),
  outcome: text('outcome'),
  notAttemptedReason: text('not_attempted_reason'),
  completedAt: ts('completed_at'),
  closedAt: ts('closed_at'),
  whereStayed: text('where_stayed'),
  stayedWith: text('stayed_with'),
  childWords: text('child_words'),
  notes: text('notes'),
  sentToMissingOfficerAt: ts('sent_to_missing_officer_at'),
  offerMet: boolean('offer_met'),
  completionMet: boolean('completion_met'),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const returnInterviewFactors = pgTable('return_interview_factors', {
  returnInterviewId: uuid('return_interview_id').notNull(),
  code: text('code').notNull(),
});

export const returnInterviewRisks = pgTable('return_interview_risks', {
  returnInterviewId: uuid('return_interview_id').notNull(),
  code: text('code').notNull(),
});

export const returnInterviewActions = pgTable('return_interview_actions', {
  id: uuid('id').primaryKey(),
  returnInterviewId: uuid('return_interview_id').notNull(),
  description: text('description').notNull(),
  owner: text('owner').notNull(),
  dueOn: date('due_on', { mode: 'string' }).notNull(),
  doneAt: ts('done_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

// Later areas declare their tables beside their own migrations.
export * from './schema-alerts.ts';
export * from './schema-philomena.ts';
export * from './schema-feedback.ts';
export * from './schema-audit.ts';
export * from './schema-exploitation.ts';
export * from './schema-auth.ts';
export * from './schema-break-glass.ts';
export * from './schema-drafts.ts';
export * from './schema-restricted.ts';
export * from './schema-retention.ts';
