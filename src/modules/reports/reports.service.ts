/**
 * Producing a report for a person (web, API) or an operator (CLI): checks who may see aggregates, picks the
 * definition and period, builds it in one read, and audits that it was produced. Figures only: no child is named.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { authorities } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import { assertCan } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { NotFound, ValidationFailed } from '../errors.ts';
import { parsePeriod, type Report } from './framework.ts';
import { reportDefinition } from './registry.ts';

export interface ReportRequest {
  report: string;
  fy: string;
  quarter?: string | null;
}

export async function produceReport(db: Database, actor: Actor, request: ReportRequest, now: Date): Promise<Report> {
  assertCan(actor, 'aggregate:view');
  const definition = reportDefinition(request.report);
  if (!definition) throw new NotFound(`There is no report called "${request.report}"`);
  if (request.quarter && !definition.quarters) {
    throw new ValidationFailed([{ field: 'quarter', message: `${definition.title} is for a whole financial year: leave the quarter out` }]);
  }
  const period = parsePeriod(request.fy, request.quarter);
  return db.transaction(async (tx) => {
    const [authority] = await tx.select().from(authorities).where(eq(authorities.code, actor.authorityCode));
    if (!authority) throw new NotFound('There is no such authority');
    const report = await definition.build(tx, { authorityCode: authority.code, authorityName: authority.name, period, now, settings: authority.settings });
    await writeAudit(tx, actor, { action: 'report.produced', details: { report: definition.id, fy: period.fy, quarter: period.quarter } });
    return report;
  });
}
