/**
 * Subject access: the machine-readable export holds every row of the child's graph by table, photos as base64 with
 * their content type and the audit events about the child; third-party information is marked for redaction; the
 * PDF is a PDF that highlights every mark; producing either is audited; and only the data protection officer may.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { auditEvents } from '../../src/db/schema.ts';
import type { Actor } from '../../src/modules/access/actor.ts';
import { writeAudit } from '../../src/modules/audit/audit.repository.ts';
import type { SarPackage } from '../../src/modules/data-protection/sar-package.ts';
import { sarPdf } from '../../src/modules/data-protection/sar-pdf.ts';
import { produceSubjectAccess, subjectAccessSummary } from '../../src/modules/data-protection/sar.service.ts';
import { tinyPng } from '../fixtures/philomena-images.ts';
import { actorOf } from '../fixtures/records.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { addThrowawayTable, childBornOn, FIXED_NOW, richChild, THROWAWAY_TABLE, type RichChild } from './retention-support.ts';

describeEachDatabase('subject access: the export', (use) => {
  let rich: RichChild;
  let otherChildId: string;
  let dpo: Actor;
  let pkg: SarPackage;
  let fileName: string;
  const marked = (table: string, id: string) => pkg.redaction.filter((m) => m.table === table && m.id === id).map((m) => m.column).sort();

  beforeAll(async () => {
    await addThrowawayTable(use());
    otherChildId = await childBornOn(use(), '2011-07-07');
    rich = await richChild(use(), { possibleMatchWith: otherChildId });
    dpo = await actorOf(use(), 'admin');
    // A police officer and a Missing Officer looked at the record: only the police officer's name is marked.
    const police = await actorOf(use(), 'police');
    const officer = await actorOf(use(), 'missing_officer');
    await use().transaction(async (tx) => {
      await writeAudit(tx, police, { action: 'child.viewed', childId: rich.childId, subjectType: 'child', subjectId: rich.childId });
      await writeAudit(tx, officer, { action: 'child.viewed', childId: rich.childId, subjectType: 'child', subjectId: rich.childId });
    });
    const file = await produceSubjectAccess(use(), dpo, rich.childId, 'json', FIXED_NOW);
    fileName = file.fileName;
    pkg = JSON.parse(file.bytes.toString('utf8')) as SarPackage;
  }, 180_000);

  it('holds every row of the record by table, column by column, and the merged duplicate', () => {
    expect(pkg).toMatchObject({ format: 'homeward-subject-access/1', childId: rich.childId, authorityCode: '891', producedBy: { name: dpo.displayName } });
    expect(pkg.records.children?.map((c) => c.id).sort()).toEqual([rich.childId, rich.duplicateId].sort());
    expect(pkg.records.incidents).toHaveLength(3);
    expect(pkg.records.return_interviews?.[0]).toMatchObject({ id: rich.rhiId, stayed_with: 'A friend called Sam Example' });
    expect(pkg.records[THROWAWAY_TABLE]).toEqual([{ id: rich.noteId, incident_id: rich.incidentId, note: 'A note kept in a table added later' }]);
    expect(pkg.summary.find((s) => s.table === 'incidents')).toEqual({ table: 'incidents', label: 'Missing incidents', rows: 3 });
    expect(pkg.records.alerts?.map((a) => a.id)).toEqual(expect.arrayContaining([rich.alertId, rich.escalationId]));
  });

  it('gives photos as base64 with their content type, and leaves out security credentials', () => {
    expect(pkg.records.philomena_photos?.[0]?.bytes).toEqual({ contentType: 'image/png', encoding: 'base64', data: tinyPng().toString('base64') });
    expect(pkg.withheld.map((w) => `${w.table}.${w.column}`)).toContain('alerts.ack_token_hash');
    expect(pkg.records.alerts?.some((a) => 'ack_token_hash' in a)).toBe(false);
  });

  it('lists who has seen or changed the record, and when', () => {
    const views = pkg.auditEvents.filter((e) => e.action === 'child.viewed');
    expect(views.map((e) => e.role)).toEqual(['Police', 'Children Missing Officer']);
    expect(views.every((e) => e.who.length > 0 && !Number.isNaN(Date.parse(e.at)))).toBe(true);
  });

  it('marks third-party information for redaction, with the reason', () => {
    expect(marked('return_interviews', rich.rhiId)).toEqual(['stayed_with', 'where_stayed']);
    expect(marked('philomena_profiles', rich.childId)).toEqual(['associates']);
    expect(marked('exploitation_concerns', String(pkg.records.exploitation_concerns?.[0]?.id))).toEqual(['seen_by']);
    expect(marked('persons_of_concern', rich.personId)).toEqual(expect.arrayContaining(['name', 'created_by']));
    expect(pkg.linkedRecords.persons_of_concern?.[0]).toMatchObject({ id: rich.personId, name: 'Person Known As Quill' });
    expect(marked('person_links', String(pkg.records.person_links?.[0]?.id))).toEqual(['note', 'person_id']);
    expect(marked('locations', rich.locationId)).toEqual(['address', 'name']);
    // The possible match's other side is another child.
    expect(marked('possible_matches', String(pkg.records.possible_matches?.[0]?.id))).toEqual(['child_id', 'reason']);
    expect(pkg.records.possible_matches?.[0]?.child_id).toBe(otherChildId);
    const [policeView] = pkg.auditEvents.filter((e) => e.action === 'child.viewed');
    expect(pkg.redaction.filter((m) => m.table === 'audit_events')).toEqual([{ table: 'audit_events', id: String(policeView?.id), column: 'who', reason: expect.stringContaining('police or charity staff') as string }]);
    expect(pkg.redaction.every((m) => m.reason.length > 20)).toBe(true);
  });

  it('names the file by id and date, never by the child', () => {
    expect(fileName).toBe(`subject-access-${rich.childId}-20261121.json`);
  });

  it('draws a PDF that highlights every mark, and audits both files', async () => {
    const pdf = await produceSubjectAccess(use(), dpo, rich.childId, 'pdf', FIXED_NOW);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.fileName).toBe(`subject-access-${rich.childId}-20261121.pdf`);
    const drawn = await sarPdf(pkg, { id: rich.childId, name: 'Test Child', dateOfBirth: '2012-01-01' });
    expect(drawn.marked).toBe(pkg.redaction.length);
    const produced = await use().read((q) => q.select().from(auditEvents).where(and(eq(auditEvents.action, 'sar.produced'), eq(auditEvents.childId, rich.childId))));
    expect(produced.map((p) => p.details?.format).sort()).toEqual(['json', 'pdf']);
    expect(produced[0]?.details).toMatchObject({ redactions: pkg.redaction.length, auditEvents: expect.any(Number) as number });
  });

  it('counts what the export holds on the page, and refuses a merged duplicate and every other role', async () => {
    const summary = await subjectAccessSummary(use(), dpo, rich.childId, FIXED_NOW);
    expect(summary.counts).toContainEqual({ label: 'Missing incidents', rows: 3 });
    expect(summary.redactions).toBe(pkg.redaction.length);
    await expect(subjectAccessSummary(use(), dpo, rich.duplicateId, FIXED_NOW)).rejects.toThrow(/merged into another child's record/);
    for (const role of ['missing_officer', 'social_worker', 'police', 'manager', 'rhi_worker', 'exploitation_lead'] as const) {
      const actor = await actorOf(use(), role);
      await expect(produceSubjectAccess(use(), actor, rich.childId, 'json', FIXED_NOW)).rejects.toThrow('You do not have permission to do that');
      await expect(subjectAccessSummary(use(), actor, rich.childId, FIXED_NOW)).rejects.toThrow('You do not have permission to do that');
    }
  });
});
