/**
 * Subject access requests (UK GDPR Article 15): everything Homeward holds about a child, for the data protection
 * officer (`sar:produce`), as a page of what will be exported, a machine-readable JSON file and a PDF. Third-party
 * information is marked for review, never silently removed. Producing either file is audited (`sar.produced`).
 */
import { and, eq } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.ts';
import { children } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import { assertCan } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { recordId } from '../children/ids.ts';
import { DomainRuleBroken, NotFound } from '../errors.ts';
import { activeHolds, type HoldEntry } from './retention.repository.ts';
import { gatherChild } from './sar-gather.ts';
import { tableLabel } from './sar-labels.ts';
import { buildSarPackage, sarFileName, type SarPackage } from './sar-package.ts';
import { sarPdf, type SarChildHeading } from './sar-pdf.ts';

export interface SarSummary {
  child: SarChildHeading;
  /** Rows per kind of record, the child's own first, then the persons and locations linked, then the audit events. */
  counts: { label: string; rows: number }[];
  redactions: number;
  hold: HoldEntry | null;
}

export interface SarFile {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

async function loadChild(tx: Tx, actor: Actor, childId: string): Promise<SarChildHeading> {
  const id = recordId(childId, 'child');
  const [child] = await tx.select({ id: children.id, forename: children.forename, surname: children.surname, dateOfBirth: children.dateOfBirth, mergedInto: children.mergedInto })
    .from(children).where(and(eq(children.id, id), eq(children.authorityCode, actor.authorityCode)));
  if (!child) throw new NotFound('There is no such child');
  if (child.mergedInto) {
    throw new DomainRuleBroken(`This record was merged into another child's record (${child.mergedInto}): produce the subject access request from that record, which includes this one`);
  }
  return { id: child.id, name: `${child.forename} ${child.surname}`, dateOfBirth: child.dateOfBirth };
}

async function packageFor(tx: Tx, actor: Actor, child: SarChildHeading, now: Date): Promise<SarPackage> {
  const gathered = await gatherChild(tx, child.id);
  return buildSarPackage(gathered, child.id, { name: actor.displayName, role: actor.role, authorityCode: actor.authorityCode }, now);
}

/** What an export would hold, counted; viewing it is audited (it names the child). */
export async function subjectAccessSummary(db: Database, actor: Actor, childId: string, now: Date): Promise<SarSummary> {
  assertCan(actor, 'sar:produce');
  return db.transaction(async (tx) => {
    const child = await loadChild(tx, actor, childId);
    const pkg = await packageFor(tx, actor, child, now);
    const [hold] = await activeHolds(tx, actor.authorityCode, { type: 'child', id: child.id });
    await writeAudit(tx, actor, { action: 'sar.previewed', childId: child.id, subjectType: 'child', subjectId: child.id });
    const counts = [
      ...pkg.summary.map((s) => ({ label: s.label, rows: s.rows })),
      ...Object.entries(pkg.linkedRecords).map(([table, rows]) => ({ label: tableLabel(table), rows: rows.length })),
      { label: tableLabel('audit_events'), rows: pkg.auditEvents.length },
    ];
    return { child, counts, redactions: pkg.redaction.length, hold: hold ?? null };
  });
}

/** The export as a file to download or write: JSON or PDF, audited as `sar.produced` in the same transaction. */
export async function produceSubjectAccess(db: Database, actor: Actor, childId: string, format: 'json' | 'pdf', now: Date): Promise<SarFile> {
  assertCan(actor, 'sar:produce');
  return db.transaction(async (tx) => {
    const child = await loadChild(tx, actor, childId);
    const pkg = await packageFor(tx, actor, child, now);
    const bytes = format === 'json' ? Buffer.from(`${JSON.stringify(pkg, null, 2)}\n`, 'utf8') : (await sarPdf(pkg, child)).bytes;
    const rows = pkg.summary.reduce((sum, s) => sum + s.rows, 0);
    await writeAudit(tx, actor, {
      action: 'sar.produced', childId: child.id, subjectType: 'child', subjectId: child.id,
      details: { format, tables: pkg.summary.length, rows, auditEvents: pkg.auditEvents.length, redactions: pkg.redaction.length },
    });
    return { fileName: sarFileName(child.id, now, format), contentType: format === 'json' ? 'application/json; charset=utf-8' : 'application/pdf', bytes };
  });
}
