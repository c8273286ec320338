/** Find a child: by name, date of birth or any id, within what the user may see. Every search is audited. */
import { and, asc, eq, exists, inArray, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.ts';
import { childKnownNames, children, districts, incidents } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import { restrictionAllowsSql } from '../access/restriction.ts';
import { assertCan, scopeOf } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { ageInYears } from '../missing/uk-time.ts';
import { namePrefixes, parseChildQuery, type ChildQuery } from './child-search.ts';

export const SEARCH_LIMIT = 50;

export interface FoundChild {
  id: string;
  forename: string;
  surname: string;
  dateOfBirth: string;
  age: number;
  laChildId: string | null;
  districtName: string | null;
  missingNow: boolean;
}

export interface ChildSearchResult {
  kind: ChildQuery['kind'];
  children: FoundChild[];
  /** More children matched than are listed. */
  more: boolean;
}

/** Incidents of this child the actor may see (a police user: only those their force sent). */
function visibleIncidentOf(q: Tx, actor: Actor, extra?: SQL): SQL {
  const agency = scopeOf(actor).sourceAgencyId;
  return exists(
    q.select({ one: sql`1` }).from(incidents).where(
      and(eq(incidents.childId, children.id), agency ? eq(incidents.sourceAgencyId, agency) : undefined, extra),
    ),
  );
}

function textClause(q: Tx, actor: Actor, query: Extract<ChildQuery, { kind: 'text' }>): SQL | undefined {
  // Ids are matched as typed and in capitals, so both sides stay index-friendly equality tests.
  const ids = [...new Set([query.raw, query.raw.toUpperCase()])];
  const agency = scopeOf(actor).sourceAgencyId;
  const byReference = q.select({ id: incidents.childId }).from(incidents).where(
    and(eq(incidents.authorityCode, actor.authorityCode), inArray(incidents.policeReference, ids), agency ? eq(incidents.sourceAgencyId, agency) : undefined),
  );
  // Prefix LIKE on the normalised columns: the tokens are normalised to [a-z0-9], so they hold no wildcards.
  const prefixes = namePrefixes(query.tokens);
  const names = (table: typeof children | typeof childKnownNames) => prefixes.map((p) =>
    and(p.forename ? like(table.forenameNorm, `${p.forename}%`) : undefined, p.surname ? like(table.surnameNorm, `${p.surname}%`) : undefined),
  );
  // Other names a child is known by (kept when records are merged) find them too.
  const byKnownName = prefixes.length
    ? inArray(children.id, q.select({ id: childKnownNames.childId }).from(childKnownNames).where(and(eq(childKnownNames.authorityCode, actor.authorityCode), or(...names(childKnownNames)))))
    : undefined;
  return or(inArray(children.laChildId, ids), inArray(children.policePersonId, ids), inArray(children.id, byReference), byKnownName, ...names(children));
}

/** Children matching the query, at most SEARCH_LIMIT of them; null when nothing was asked. */
export async function searchChildren(db: Database, actor: Actor, text: string, now: Date): Promise<ChildSearchResult | null> {
  assertCan(actor, 'child:search');
  const query = parseChildQuery(text);
  if (!query) return null;
  return db.transaction(async (tx) => {
    const match = query.kind === 'date' ? eq(children.dateOfBirth, query.dateOfBirth) : textClause(tx, actor, query);
    const rows = await tx
      .select({
        id: children.id, forename: children.forename, surname: children.surname, dateOfBirth: children.dateOfBirth,
        laChildId: children.laChildId, districtName: districts.name,
        missingNow: sql<boolean>`${visibleIncidentOf(tx, actor, isNull(incidents.foundAt))}`,
      })
      .from(children)
      .leftJoin(districts, eq(districts.id, children.districtId))
      .where(and(
        eq(children.authorityCode, actor.authorityCode), isNull(children.mergedInto), match, restrictionAllowsSql(actor, sql`${children.id}`),
        actor.role === 'police' ? visibleIncidentOf(tx, actor) : undefined,
      ))
      .orderBy(asc(children.surnameNorm), asc(children.forenameNorm), asc(children.dateOfBirth))
      .limit(SEARCH_LIMIT + 1);
    const listed = rows.slice(0, SEARCH_LIMIT).map((r) => ({ ...r, missingNow: Boolean(r.missingNow), age: ageInYears(r.dateOfBirth, now) }));
    // The query text may be a name: only its kind and the number of results are audited.
    await writeAudit(tx, actor, { action: 'child.searched', details: { kind: query.kind, resultCount: listed.length, more: rows.length > SEARCH_LIMIT } });
    return { kind: query.kind, children: listed, more: rows.length > SEARCH_LIMIT };
  });
}
