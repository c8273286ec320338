/**
 * The child record: identity, flags that explain themselves, chronology, incidents and care periods. Every
 * view is audited in the same transaction as the read. Outside the user's scope a child does not exist (404).
 */
import type { Database, Tx } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { assertCan, scopeOf } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { NotFound } from '../errors.ts';
import { CARE_STATUS_LABELS, CLASSIFICATION_LABELS, carePeriodAt, isCareStatus } from '../missing/classification.ts';
import { ageInYears, londonDate } from '../missing/uk-time.ts';
import { childFlags, type ChildFlag } from './child-flags.ts';
import * as repo from './child-record.repository.ts';
import { buildChronology, type ChronologyEntry } from './chronology.ts';
import { assertNotRestricted } from '../access/restriction.ts';
import { recordId } from './ids.ts';

export interface CarePeriodSummary {
  id: string;
  status: string;
  label: string;
  startsAt: Date;
  endsAt: Date | null;
  /** The UK calendar dates of the start and end, `yyyy-mm-dd`. */
  startsOn: string;
  endsOn: string | null;
  placement: string | null;
  outOfArea: boolean;
  responsibleAuthority: string | null;
  recordedBy: string | null;
}

export interface IncidentSummary {
  id: string;
  policeReference: string;
  lastSeenAt: Date;
  foundAt: Date | null;
  riskGrade: string;
  classificationLabel: string;
  overridden: boolean;
  districtName: string | null;
}

export interface ChildRecord {
  child: {
    id: string; forename: string; surname: string; dateOfBirth: string; age: number; sex: string | null;
    laChildId: string | null; policePersonId: string | null; districtName: string | null;
  };
  careNow: CarePeriodSummary | null;
  flags: ChildFlag[];
  incidents: IncidentSummary[];
  carePeriods: CarePeriodSummary[];
  chronology: ChronologyEntry[];
  openTasks: { id: string; description: string }[];
}

export type ChildRecordView = { kind: 'merged'; mergedInto: string } | { kind: 'record'; record: ChildRecord };

type FoundChild = NonNullable<Awaited<ReturnType<typeof repo.findChild>>>;

/** The child within the actor's scope, or NotFound: a police user reaches only children their force reported. */
export async function findVisibleChild(tx: Tx, actor: Actor, id: string): Promise<FoundChild> {
  const found = await repo.findChild(tx, actor.authorityCode, recordId(id, 'child'));
  if (!found) throw new NotFound('There is no such child');
  const agency = scopeOf(actor).sourceAgencyId;
  // A merged record has no incidents of its own any more; its page only redirects to the one it joined.
  if (agency && !found.child.mergedInto && !(await repo.forceSentIncidentAbout(tx, found.child.id, agency))) {
    throw new NotFound('There is no such child');
  }
  await assertNotRestricted(tx, actor, found.child.id);
  return found;
}

function carePeriodSummaries(rows: repo.CarePeriodRow[]): CarePeriodSummary[] {
  return rows.map(({ period: p, recordedBy }) => ({
    id: p.id, status: p.status, label: isCareStatus(p.status) ? CARE_STATUS_LABELS[p.status] : p.status, startsAt: p.startsAt,
    endsAt: p.endsAt, startsOn: londonDate(p.startsAt), endsOn: p.endsAt ? londonDate(p.endsAt) : null, placement: p.placement, outOfArea: p.outOfArea, responsibleAuthority: p.responsibleAuthority, recordedBy,
  }));
}

function incidentSummaries(rows: repo.ChildIncidentRow[]): IncidentSummary[] {
  return rows.map(({ incident: i, districtName }) => ({
    id: i.id, policeReference: i.policeReference, lastSeenAt: i.lastSeenAt, foundAt: i.foundAt, riskGrade: i.riskGrade,
    classificationLabel: isCareStatus(i.classification) ? CLASSIFICATION_LABELS[i.classification] : i.classification,
    overridden: i.classificationOverrideReason !== null, districtName,
  }));
}

/** Return interviews, the child's feedback and meeting requests: like tasks, never shown to the police. */
async function caseworkRows(tx: Tx, childId: string, incidentIds: string[]) {
  return {
    interviews: await repo.incidentReturnInterviews(tx, incidentIds), feedback: await repo.incidentInterviewFeedback(tx, incidentIds),
    meetings: await repo.childMeetingRequests(tx, childId), caseworkAudit: await repo.childCaseworkAudit(tx, childId),
  };
}
const NO_CASEWORK = { interviews: [], feedback: [], meetings: [], caseworkAudit: [] };

async function loadRecord(tx: Tx, actor: Actor, found: FoundChild, now: Date): Promise<ChildRecord> {
  const c = found.child;
  const agency = scopeOf(actor).sourceAgencyId;
  const incidentRows = await repo.childIncidents(tx, c.id, agency);
  const incidentIds = incidentRows.map((r) => r.incident.id);
  const changes = await repo.changesWithAuthors(tx, incidentIds);
  const careRows = await repo.carePeriodsWithAuthors(tx, c.id);
  // Tasks and possible-same-child decisions are the local authority's own work, not shown to the police.
  const taskRows = agency ? [] : await repo.childTasks(tx, c.id);
  const matchRows = agency ? [] : await repo.childMatches(tx, c.id);
  const casework = agency ? NO_CASEWORK : await caseworkRows(tx, c.id, incidentIds);
  const carePeriods = carePeriodSummaries(careRows);
  const careNow = carePeriodAt(carePeriods, now);
  return {
    child: {
      id: c.id, forename: c.forename, surname: c.surname, dateOfBirth: c.dateOfBirth, age: ageInYears(c.dateOfBirth, now),
      sex: c.sex, laChildId: c.laChildId, policePersonId: c.policePersonId, districtName: found.districtName,
    },
    careNow,
    flags: childFlags({ incidents: incidentRows.map((r) => r.incident), careNow, now }),
    incidents: incidentSummaries(incidentRows),
    carePeriods,
    chronology: buildChronology({
      incidents: incidentRows, changes, carePeriods: careRows, tasks: taskRows, matches: matchRows,
      ...casework,
      districtNames: await repo.districtNames(tx, actor.authorityCode),
    }),
    openTasks: taskRows.filter((t) => t.task.doneAt === null).map((t) => ({ id: t.task.id, description: t.task.description })),
  };
}

/** A child's whole record, audited as `child.viewed`; a merged record answers with the child it joined. */
export async function viewChildRecord(db: Database, actor: Actor, id: string, now: Date): Promise<ChildRecordView> {
  assertCan(actor, 'child:view');
  return db.transaction(async (tx) => {
    const found = await findVisibleChild(tx, actor, id);
    if (found.child.mergedInto) return { kind: 'merged', mergedInto: found.child.mergedInto };
    const record = await loadRecord(tx, actor, found, now);
    await writeAudit(tx, actor, { action: 'child.viewed', childId: found.child.id, subjectType: 'child', subjectId: found.child.id });
    return { kind: 'record', record };
  });
}
