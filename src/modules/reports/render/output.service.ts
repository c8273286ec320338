/**
 * A report as a person or an operator asked for it: produced (access checked, audited) by produceReport,
 * then, for publication, with small numbers hidden at the authority's threshold; otherwise marked as
 * operational figures, not for publication.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../../../db/database.ts';
import { authorities } from '../../../db/schema.ts';
import type { Actor } from '../../access/actor.ts';
import { produceReport, type ReportRequest } from '../reports.service.ts';
import { operationalReport, suppressionThreshold, suppressReport, type OutputReport } from '../suppression.ts';

export interface OutputRequest extends ReportRequest {
  /** For publication: small-number suppression on. */
  published: boolean;
}

export async function produceOutputReport(db: Database, actor: Actor, request: OutputRequest, now: Date): Promise<OutputReport> {
  const report = await produceReport(db, actor, request, now);
  if (!request.published) return operationalReport(report);
  // A second, separate read: produceReport has already checked access and closed its transaction.
  const [authority] = await db.read((q) => q.select({ settings: authorities.settings }).from(authorities).where(eq(authorities.code, actor.authorityCode)));
  return suppressReport(report, suppressionThreshold(authority?.settings ?? {}));
}
