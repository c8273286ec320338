/**
 * Part (a) of `npm run bench:reports`: the national data in PostgreSQL, the report for the largest authority's
 * last full financial year through Homeward's functions, the same rows in DuckDB with the same definitions,
 * both timed; DuckDB's figures checked against Homeward's for that authority-year and for every authority.
 */
import type { Database } from '../../src/db/database.ts';
import { allAuthorities } from './reports-all.ts';
import { DUCK_COMMITTEE, HOMEWARD_COMMITTEE } from './reports-committee.ts';
import { duckSide } from './reports-duckdb.ts';
import { loadIntoDuckDb } from './reports-export.ts';
import { compareOne, timeReport, type Ask } from './reports-measure.ts';
import { largestAsk, lastFullYear, loadNational, measureHomeward, type HomewardFigures } from './reports-national.ts';
import {
  printAll, printFigures, printPlans, printReportsData, printTargets, printTimings, REPORTS_TARGETS, targetRows, timingRows,
} from './reports-print.ts';
import { printProposals, tryProposals } from './reports-proposals.ts';
import { printRewrite, tryCodesRewrite } from './reports-rewrite.ts';
import { fmt } from './report.ts';

type Log = (line: string) => void;

export interface PartOptions {
  incidents: number;
  countyIncidents: number;
  runs: number;
  warmUp: number;
  duckdb: boolean;
  /** Try the proposed setting and index after the main figures (reports-proposals.ts). */
  proposals: boolean;
  explain: boolean;
}

async function duckPart(db: Database, ask: Ask, homeward: Parameters<typeof compareOne>[0], o: PartOptions, log: Log) {
  log('\nDuckDB: copying the same rows out of PostgreSQL and into an in-memory DuckDB...');
  const loaded = await loadIntoDuckDb(db);
  try {
    log(`  ${Object.entries(loaded.rows).map(([t, n]) => `${t} ${fmt.int(n)}`).join(', ')}`);
    log(`  exported ${fmt.int(loaded.csvBytes / 1e6)} MB of CSV in ${fmt.s(loaded.exportMs)} s; DuckDB read it in ${fmt.s(loaded.loadMs)} s`);
    const side = duckSide(loaded.duck, DUCK_COMMITTEE);
    log(`DuckDB: ${o.warmUp} warm-up runs, then ${o.runs} timed...`);
    const timing = await timeReport(side, ask, o);
    const check = await compareOne(homeward, side, ask);
    log(`\nThe figures for authority ${ask.authorityCode}, ${ask.fy}, both ways (percentages unrounded):`);
    log(printFigures(check.homeward, check.duckdb));
    log(check.differences.length === 0 ? 'Check: DuckDB agrees with Homeward on every figure.' : `Check: ${check.differences.length} figures DIFFER.`);
    const all = await allAuthorities(db, loaded.duck, { fy: ask.fy, start: ask.start, end: ask.end }, { homeward: HOMEWARD_COMMITTEE, duckdb: DUCK_COMMITTEE });
    log(printAll(all));
    return { rows: loaded.rows, csvBytes: loaded.csvBytes, exportMs: loaded.exportMs, loadMs: loaded.loadMs, timing, check, all };
  } finally {
    loaded.close();
  }
}

function printResults(h: HomewardFigures, duck: Awaited<ReturnType<typeof duckPart>> | null, o: PartOptions, log: Log) {
  log(`\n${printTimings([
    ...timingRows('PostgreSQL', h.timing, 'Homeward'),
    ...timingRows('PostgreSQL', h.builds, 'build'),
    ...(duck ? timingRows('DuckDB', duck.timing, 'DuckDB') : []),
  ])}`);
  const ratio = duck ? h.timing.report.median / duck.timing.report.median : Number.NaN;
  const targets = [
    ...targetRows('PostgreSQL', h, REPORTS_TARGETS.postgresMs),
    { label: 'PostgreSQL / DuckDB, Table 1 + committee medians', figure: fmt.ratio(ratio), target: `<= ${REPORTS_TARGETS.timesDuckDb}x`, ok: duck ? ratio <= REPORTS_TARGETS.timesDuckDb : null },
  ];
  log(`\n${printTargets(targets)}`);
  if (o.explain || targets.some((x) => x.ok === false)) log(`\n${printPlans(h.plans)}`);
  return { ratio, targets };
}

export async function runNational(db: Database, url: string, o: PartOptions, now: Date, log: Log) {
  const loaded = await loadNational(db, { incidents: o.incidents, now }, log);
  const d = loaded.data;
  log(`Data: ${fmt.int(d.incidents)} incidents for ${fmt.int(d.children)} children in ${d.authorities} authorities over ten years; ${fmt.int(loaded.history.requests)} meeting requests from the rule.`);
  log(printReportsData(loaded.reports));
  log(`  Load took ${fmt.s(loaded.loadMs.total)} s. PostgreSQL ${loaded.postgresVersion}.`);
  const ask = await largestAsk(db, lastFullYear(now));
  log(`\nThe report asked for: authority ${ask.authorityCode} (${ask.authorityName}, the largest), ${ask.fy}: ${fmt.int(ask.incidents)} incidents started in the year.`);
  log(`PostgreSQL: ${o.warmUp} warm-up runs, then ${o.runs} timed...`);
  const homeward = await measureHomeward(db, ask, HOMEWARD_COMMITTEE, o, now);
  const duck = o.duckdb ? await duckPart(db, ask, homeward.side, o, log) : null;
  const printed = printResults(homeward.figures, duck, o, log);
  let proposals = null;
  if (o.proposals) {
    log('');
    // The rewrite first: the settings below apply to every new connection of the database.
    const rewrite = await tryCodesRewrite(db, ask, o);
    log(printRewrite(rewrite));
    const settings = await tryProposals(url, ask, HOMEWARD_COMMITTEE, o, log);
    log(`\n${printProposals(homeward.figures, settings)}`);
    proposals = { rewrite, settings };
  }
  const agree = !duck || (duck.check.differences.length === 0 && duck.all.differences.length === 0);
  return { allWell: agree, load: loaded, ask, homeward: homeward.figures, duckdb: duck, ...printed, proposals };
}
