/** The SQL behind the statutory exports: one authority's children, care periods and incidents. */
import { and, eq, gte, isNull, lt, or } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { authorities, carePeriods, children, incidents, returnInterviews } from '../../db/schema.ts';
import { NotFound } from '../errors.ts';
import { isCode, RHI_OUTCOMES } from '../return-interviews/outcomes.ts';
import type { ExportSource, SourceIncident } from './source.ts';

export async function findAuthority(q: Tx, code: string) {
  const [authority] = await q.select().from(authorities).where(eq(authorities.code, code));
  if (!authority) throw new NotFound(`There is no authority with code ${code}`);
  return authority;
}

/**
 * The authority's children (merged records left out: their incidents moved with them), the periods it
 * looked after them, and the incidents that were open at some time in [from, to), with their return
 * interview's outcome.
 */
export async function loadExportSource(q: Tx, authorityCode: string, span: { from: Date; to: Date }): Promise<ExportSource> {
  const childRows = await q
    .select({ id: children.id, laChildId: children.laChildId, dateOfBirth: children.dateOfBirth, sex: children.sex })
    .from(children)
    .where(and(eq(children.authorityCode, authorityCode), isNull(children.mergedInto)));
  const periodRows = await q
    .select({ childId: carePeriods.childId, startsAt: carePeriods.startsAt, endsAt: carePeriods.endsAt })
    .from(carePeriods)
    .where(and(eq(carePeriods.authorityCode, authorityCode), eq(carePeriods.status, 'own_care'), lt(carePeriods.startsAt, span.to)));
  const incidentRows = await q
    .select({
      id: incidents.id, childId: incidents.childId, lastSeenAt: incidents.lastSeenAt, foundAt: incidents.foundAt,
      riskGrade: incidents.riskGrade, initialRiskGrade: incidents.initialRiskGrade, classification: incidents.classification,
      rhiId: returnInterviews.id, outcome: returnInterviews.outcome, offeredAt: returnInterviews.offeredAt,
    })
    .from(incidents)
    .leftJoin(returnInterviews, eq(returnInterviews.incidentId, incidents.id))
    .where(and(
      eq(incidents.authorityCode, authorityCode), lt(incidents.lastSeenAt, span.to),
      or(isNull(incidents.foundAt), gte(incidents.foundAt, span.from)),
    ));
  const known = new Set(childRows.map((c) => c.id));
  return {
    children: childRows,
    ownCarePeriods: periodRows.filter((p) => known.has(p.childId)),
    incidents: incidentRows.filter((i) => known.has(i.childId)).map(toSourceIncident),
  };
}

function toSourceIncident(row: { rhiId: string | null; outcome: string | null; offeredAt: Date | null } & Omit<SourceIncident, 'rhi'>): SourceIncident {
  const { rhiId, outcome, offeredAt, ...incident } = row;
  const rhi = rhiId === null ? null : { outcome: outcome !== null && isCode(RHI_OUTCOMES, outcome) ? outcome : null, offeredAt };
  return { ...incident, rhi };
}
