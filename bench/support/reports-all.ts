/**
 * Every authority's report for the same year, for the national check: Homeward one authority at a time (as
 * each authority would ask), DuckDB all of them in one query per part. Both timed once; every figure of every
 * authority compared.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../../src/db/database.ts';
import { rowsOf } from './reports-data.ts';
import { duckTable1, emptyTable1, type DuckCommittee } from './reports-duckdb.ts';
import { differences, homewardSide, type Ask, type Difference, type Figures, type HomewardCommittee } from './reports-measure.ts';
import { timed } from './report.ts';

export interface AllAuthorities {
  authorities: number;
  homewardMs: number;
  duckdbMs: number;
  /** Authorities whose figures were all equal. */
  agree: number;
  differences: Difference[];
}

export async function allAuthorities(db: Database, duck: DuckDBConnection, year: { fy: string; start: Date; end: Date },
  committees: { homeward: HomewardCommittee; duckdb: DuckCommittee } | null): Promise<AllAuthorities> {
  const authorities = await rowsOf<{ code: string; settings: Record<string, unknown> }>(db, 'SELECT code, settings FROM authorities ORDER BY code');
  const asks: Ask[] = authorities.map((a) => ({ authorityCode: a.code, settings: a.settings, ...year }));
  const side = homewardSide(db, committees?.homeward ?? null);
  const homeward = await timed(async () => {
    const out = new Map<string, { table1: Figures; committee: Figures | null }>();
    for (const ask of asks) {
      const table1 = { ...(await side.table1(ask)) };
      out.set(ask.authorityCode, { table1, committee: side.committee ? await side.committee(ask) : null });
    }
    return out;
  });
  const all = { authorityCode: null, start: year.start, end: year.end };
  const duckdb = await timed(async () => ({
    table1: await duckTable1(duck, all),
    committee: committees ? await committees.duckdb(duck, all, {}) : null,
  }));
  const diffs: Difference[] = [];
  let agree = 0;
  for (const ask of asks) {
    const code = ask.authorityCode;
    const h = homeward.result.get(code);
    const found = [
      ...differences(code, 'table1', h?.table1 ?? {}, { ...(duckdb.result.table1.get(code) ?? emptyTable1()) }),
      ...(h?.committee ? differences(code, 'committee', h.committee, duckdb.result.committee?.get(code) ?? {}) : []),
    ];
    if (found.length === 0) agree += 1;
    diffs.push(...found);
  }
  return { authorities: asks.length, homewardMs: homeward.ms, duckdbMs: duckdb.ms, agree, differences: diffs };
}
