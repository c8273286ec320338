/** Drizzle tables of the philomena area (issue 3); the migration 0008_philomena.sql is the source of truth for constraints. */
import { bigserial, char, customType, date, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const authorityCode = () => char('authority_code', { length: 3 }).notNull();

// node-postgres answers bytea with a Buffer, PGlite with a Uint8Array: both become a Buffer here.
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

export const philomenaProfiles = pgTable('philomena_profiles', {
  childId: uuid('child_id').primaryKey(),
  authorityCode: authorityCode(),
  height: text('height'),
  build: text('build'),
  hair: text('hair'),
  eyes: text('eyes'),
  marks: text('marks'),
  scars: text('scars'),
  tattoos: text('tattoos'),
  nicknames: text('nicknames'),
  associates: text('associates'),
  places: text('places'),
  phones: text('phones'),
  socialMedia: text('social_media'),
  medical: text('medical'),
  medication: text('medication'),
  vulnerabilities: text('vulnerabilities'),
  finance: text('finance'),
  transport: text('transport'),
  reviewedOn: date('reviewed_on', { mode: 'string' }),
  reviewedBy: text('reviewed_by'),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});

export const philomenaPhotos = pgTable('philomena_photos', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  childId: uuid('child_id').notNull(),
  authorityCode: authorityCode(),
  contentType: text('content_type').notNull(),
  bytes: bytea('bytes').notNull(),
  takenOn: date('taken_on', { mode: 'string' }).notNull(),
  uploadedAt: ts('uploaded_at').notNull(),
  uploadedBy: uuid('uploaded_by'),
});

export const philomenaIncidentDetails = pgTable('philomena_incident_details', {
  incidentId: uuid('incident_id').primaryKey(),
  authorityCode: authorityCode(),
  clothing: text('clothing'),
  lastSeenPlace: text('last_seen_place'),
  lastSeenAt: ts('last_seen_at').notNull(),
  otherInformation: text('other_information'),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});

export const philomenaChanges = pgTable('philomena_changes', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  childId: uuid('child_id'),
  incidentId: uuid('incident_id'),
  changedAt: ts('changed_at').notNull(),
  changedBy: uuid('changed_by'),
  field: text('field').notNull(),
  oldValue: text('old_value'),
  newValue: text('new_value'),
});
