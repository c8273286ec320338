/**
 * Part (b) of `npm run bench:reports`: a county in PGlite (in memory, as the embedded install runs), the report
 * for its last full financial year through Homeward's functions, timed; DuckDB's figures checked against it.
 */
import type { Database } from '../../src/db/database.ts';
import { DUCK_COMMITTEE, HOMEWARD_COMMITTEE } from './reports-committee.ts';
import { loadCounty } from './reports-county.ts';
import { duckSide } from './reports-duckdb.ts';
import { loadIntoDuckDb } from './reports-export.ts';
import { compareOne } from './reports-measure.ts';
import { largestAsk, lastFullYear, measureHomeward } from './reports-national.ts';
import type { PartOptions } from './reports-national-part.ts';
import { printFigures, printReportsData, printTargets, printTimings, REPORTS_TARGETS, targetRows, timingRows } from './reports-print.ts';
import { fmt } from './report.ts';

type Log = (line: string) => void;

export async function runCounty(db: Database, o: PartOptions, now: Date, log: Log) {
  log(`\nPGlite (in memory): a county of ${fmt.int(o.countyIncidents)} incidents over ten years, generated in SQL...`);
  const loaded = await loadCounty(db, { incidents: o.countyIncidents, now }, log);
  log(`Data: ${fmt.int(loaded.data.incidents)} incidents for ${fmt.int(loaded.data.children)} children; ${fmt.int(loaded.meetingRequests)} meeting requests from the rule.`);
  log(printReportsData(loaded.reports));
  log(`  Load took ${fmt.s(loaded.loadMs)} s.`);
  const ask = await largestAsk(db, lastFullYear(now));
  log(`\nThe report asked for: authority ${ask.authorityCode}, ${ask.fy}: ${fmt.int(ask.incidents)} incidents started in the year.`);
  log(`PGlite: ${o.warmUp} warm-up runs, then ${o.runs} timed...`);
  const homeward = await measureHomeward(db, ask, HOMEWARD_COMMITTEE, o, now);
  let check = null;
  if (o.duckdb) {
    const duck = await loadIntoDuckDb(db);
    try {
      check = await compareOne(homeward.side, duckSide(duck.duck, DUCK_COMMITTEE), ask);
    } finally {
      duck.close();
    }
    log(`\nThe figures for authority ${ask.authorityCode}, ${ask.fy}, Homeward on PGlite and DuckDB over the same rows:`);
    log(printFigures(check.homeward, check.duckdb));
    log(check.differences.length === 0 ? 'Check: DuckDB agrees with Homeward on every figure.' : `Check: ${check.differences.length} figures DIFFER.`);
  }
  const h = homeward.figures;
  log(`\n${printTimings([...timingRows('PGlite', h.timing, 'Homeward'), ...timingRows('PGlite', h.builds, 'build')])}`);
  const targets = targetRows('PGlite', h, REPORTS_TARGETS.pgliteMs);
  log(`\n${printTargets(targets)}`);
  return { allWell: !check || check.differences.length === 0, load: loaded, ask, homeward: h, check, targets };
}
