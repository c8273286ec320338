/**
 * CSV import, matching a notification to a child (police-notifications.md): LA child id, then police person id,
 * then an exact match of normalised names and date of birth. Near matches never link silently: a new child and
 * a "possible same child" entry. Also: an `ola care` notification gives the dashboard a task.
 */
import { and, eq, or } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditEvents, children, possibleMatches, tasks } from '../../src/db/schema.ts';
import type { Actor } from '../../src/modules/access/actor.ts';
import { importNotificationFile } from '../../src/modules/missing/csv-import.service.ts';
import { missingNow } from '../../src/modules/missing/dashboard.service.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { FIXED_NOW, newChild, newReference, notificationCells, tempFolder, toCsv, type NotificationCells } from '../fixtures/notifications.ts';
import { actorOf, incidentByReference } from '../fixtures/records.ts';

type Files = Awaited<ReturnType<typeof tempFolder>>;

/** An earlier missing episode, already ended, so the same child can be reported missing again. */
const ended = (cells: Partial<NotificationCells> = {}) =>
  ({ last_seen_at: '2026-10-01T18:00', reported_at: '2026-10-01T20:00', notified_at: '2026-10-01T21:00', found_at: '2026-10-02T09:00', ...cells });

describeEachDatabase('CSV import: matching children', (use) => {
  let files: Files;
  let actor: Actor;

  beforeAll(async () => {
    files = await tempFolder();
    actor = await actorOf(use(), 'missing_officer');
  });
  afterAll(() => files.cleanup());

  /** Imports the rows, one file, and returns each row's child id. */
  async function childIdsOf(rows: NotificationCells[]): Promise<string[]> {
    const path = await files.write(`${newReference().replace(/\W/g, '-')}.csv`, toCsv(rows));
    const report = await importNotificationFile(use(), actor, { path, now: FIXED_NOW });
    expect(report.rejected).toEqual([]);
    return Promise.all(rows.map(async (r) => (await incidentByReference(use(), r.police_reference))?.childId ?? 'missing'));
  }

  /** How the intake says it linked the notification to a child, from the incident's audit row. */
  async function matchBasisOf(policeReference: string): Promise<unknown> {
    const incident = await incidentByReference(use(), policeReference);
    const [row] = await use().read((q) => q.select().from(auditEvents).where(and(eq(auditEvents.action, 'incident.recorded'), eq(auditEvents.subjectId, incident?.id ?? ''))));
    return row?.details?.match;
  }

  const matchesOf = (childId: string) =>
    use().read((q) => q.select().from(possibleMatches).where(or(eq(possibleMatches.childId, childId), eq(possibleMatches.candidateChildId, childId))));

  it('links by LA child id even when the police spell the names differently', async () => {
    const child = newChild();
    const laChildId = `LA${newReference().replace(/\W/g, '')}`;
    const second = notificationCells({ la_child_id: laChildId, forename: 'Bea', surname: 'Completely-Different' }, child);
    const [a, b] = await childIdsOf([notificationCells(ended({ la_child_id: laChildId }), child), second]);
    expect(b).toBe(a);
    expect(await matchBasisOf(second.police_reference)).toBe('la_child_id');
  });

  it('links by police person id when there is no LA child id', async () => {
    const child = newChild();
    const personId = `PP${newReference().replace(/\W/g, '')}`;
    const second = notificationCells({ police_person_id: personId, forename: 'Known-As-Other' }, child);
    const [a, b] = await childIdsOf([notificationCells(ended({ police_person_id: personId }), child), second]);
    expect(b).toBe(a);
    expect(await matchBasisOf(second.police_reference)).toBe('police_person_id');
  });

  it('links by exact normalised names and date of birth ("O\'Brien" is "obrien"), and says so', async () => {
    const child = { ...newChild(), forename: 'Siân', surname: `O'Brien-${newChild().surname}` };
    const second = notificationCells({ forename: 'SIAN', surname: child.surname.replace(/['-]/g, '').toLowerCase() }, child);
    const [a, b] = await childIdsOf([notificationCells(ended(), child), second]);
    expect(b).toBe(a);
    expect(await matchBasisOf(second.police_reference)).toBe('name_and_date_of_birth');
    expect(await matchesOf(a ?? '')).toEqual([]);
  });

  it('does not link a one-letter typo: a new child and a possible match for a Missing Officer', async () => {
    const child = newChild();
    const typo = `${child.surname.slice(0, -1)}${child.surname.endsWith('z') ? 'y' : 'z'}`;
    const [a, b] = await childIdsOf([notificationCells(ended(), child), notificationCells({ surname: typo }, child)]);
    expect(b).not.toBe(a);
    expect(await matchesOf(b ?? '')).toEqual([
      expect.objectContaining({ childId: b, candidateChildId: a, status: 'open', reason: 'Same date of birth; names differ by 1 letter' }),
    ]);
  });

  it('does not link a date of birth with day and month swapped: a new child and a possible match', async () => {
    // 7 April against 4 July (UK dd/mm/yyyy): a day and month typed the wrong way round.
    const child = { ...newChild(), date_of_birth: '2012-04-07' };
    const [a, b] = await childIdsOf([notificationCells(ended(), child), notificationCells({ date_of_birth: '04/07/2012' }, child)]);
    expect(b).not.toBe(a);
    expect(await matchesOf(b ?? '')).toEqual([
      expect.objectContaining({ childId: b, candidateChildId: a, reason: 'Same names; day and month of the date of birth swapped' }),
    ]);
  });

  it('never merges two children with different LA child ids, even with the same names and date of birth', async () => {
    const child = newChild();
    const [a, b] = await childIdsOf([
      notificationCells({ la_child_id: `LA-A-${newReference()}` }, child),
      notificationCells({ la_child_id: `LA-B-${newReference()}` }, child),
    ]);
    expect(b).not.toBe(a);
    const rows = await use().read((q) => q.select().from(children).where(or(eq(children.id, a ?? ''), eq(children.id, b ?? ''))));
    expect(rows.map((r) => r.mergedInto)).toEqual([null, null]);
    // They are put to a Missing Officer as a possible pair, and stay apart until one decides.
    expect(await matchesOf(b ?? '')).toEqual([expect.objectContaining({ childId: b, candidateChildId: a, status: 'open' })]);
  });

  it('gives the dashboard a task to tell the responsible authority about an "ola care" child', async () => {
    const cells = notificationCells({ missing_from: 'ola care', responsible_authority: 'Demo Borough Council' });
    const [childId] = await childIdsOf([cells]);
    const incident = await incidentByReference(use(), cells.police_reference);
    expect(incident).toMatchObject({ classification: 'ola_care', responsibleAuthority: 'Demo Borough Council' });

    const saved = await use().read((q) => q.select().from(tasks).where(eq(tasks.incidentId, incident?.id ?? '')));
    expect(saved).toEqual([expect.objectContaining({ kind: 'notify_responsible_authority', childId, doneAt: null })]);
    const board = await missingNow(use(), actor, FIXED_NOW);
    expect(board.tasks.map((t) => t.description)).toContain(
      `Tell Demo Borough Council that their looked-after child was reported missing (${cells.police_reference})`,
    );
  });
});
