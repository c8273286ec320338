/**
 * Part one of `npm run bench:rules`: the repeat-missing rule per new incident on the national data. Picks the
 * children, warms up, measures (rules-measure.ts), checks the stored requests against the rule from scratch
 * (rules-check.ts) and captures the plans of the rule's queries for the heaviest child (rules-explain.ts).
 */
import type { Database } from '../../src/db/database.ts';
import { checkAgainstScratch, type CheckResult } from './rules-check.ts';
import { explainRule, type QueryPlan } from './rules-explain.ts';
import { authorityRules } from './rules-history.ts';
import { measureAll, type SampleResult } from './rules-measure.ts';
import { printRules, ruleFigures, RULES_TARGETS, type RuleFigures } from './rules-print.ts';
import { pickChildren, policeAgencies, seededRandom, type SampleChild } from './rules-samples.ts';

export interface RulesOptions {
  samples: number;
  warmUp: number;
  checks: number;
  seed: number;
  /** Print the full plans even when the target is met. */
  explain: boolean;
}

export interface RulesResult {
  samples: number;
  /** Sampled children by how many incidents they had before: the population's skew, as drawn. */
  sampledByIncidents: { once: number; twice: number; threeToNine: number; tenOrMore: number; most: number };
  figures: RuleFigures;
  check: CheckResult;
  plans: { childIncidents: number; queries: QueryPlan[] };
}

const composition = (s: SampleChild[]) => ({
  once: s.filter((c) => c.incidents === 1).length,
  twice: s.filter((c) => c.incidents === 2).length,
  threeToNine: s.filter((c) => c.incidents >= 3 && c.incidents <= 9).length,
  tenOrMore: s.filter((c) => c.incidents >= 10).length,
  most: Math.max(0, ...s.map((c) => c.incidents)),
});

/** The children to check: every sample that met the rule first (the interesting ones), then the rest. */
function toCheck(samples: SampleChild[], results: SampleResult[], count: number): SampleChild[] {
  const met = new Set(results.filter((r) => r.evaluateBranch === 'met' || r.intakeBranch === 'met').map((r) => r.childId));
  return [...samples.filter((c) => met.has(c.childId)), ...samples.filter((c) => !met.has(c.childId))].slice(0, count);
}

export async function runRulesPart(db: Database, now: Date, o: RulesOptions, log: (line: string) => void): Promise<RulesResult> {
  if (db.raw.kind !== 'postgres') throw new Error('the rule benchmark runs on PostgreSQL');
  const rules = await authorityRules(db.raw.pool);
  const agencies = await db.read((q) => policeAgencies(q));
  const picked = await db.read((q) => pickChildren(q, o.samples + o.warmUp, now));
  if (picked.length < o.samples + o.warmUp) throw new Error(`only ${picked.length} children could be sampled`);
  const ctx = { db, rules, policeAgencyByAuthority: agencies, random: seededRandom(o.seed), now, runId: now.getTime().toString(36) };
  log(`Warm-up: ${o.warmUp} children (not counted)...`);
  await measureAll(ctx, picked.slice(0, o.warmUp), 0, () => undefined);
  const samples = picked.slice(o.warmUp);
  log(`Measuring ${samples.length} children, one at a time...`);
  const results = await measureAll(ctx, samples, o.warmUp, log);
  const figures = ruleFigures(results);
  log(`Checking ${Math.min(o.checks, samples.length)} children against the rule from scratch...`);
  const check = await checkAgainstScratch(db, toCheck(samples, results, o.checks), rules);
  const heaviest = samples.reduce((a, b) => (b.incidents > a.incidents ? b : a));
  const agency = agencies.get(heaviest.authorityCode) ?? '';
  const queries = await explainRule(db, heaviest, agency, now);
  const sampled = composition(samples);
  log('');
  log(`Sampled children by incidents before the run: 1: ${sampled.once}, 2: ${sampled.twice}, 3-9: ${sampled.threeToNine}, 10 or more: ${sampled.tenOrMore} (at most ${sampled.most}).`);
  log(printRules(figures));
  log(`Correctness: ${check.agree}/${check.checked} children agree with the rule evaluated over their whole history from scratch (${check.withTriggers} of them have met it at least once).`);
  for (const d of check.disagreements) log(`  DISAGREES ${d.childId}: ${d.reason}`);
  log(`The rule's queries for the sampled child with most incidents (${heaviest.incidents + 2}, and one more inserted then rolled back), EXPLAIN ANALYZE by auto_explain:`);
  const full = o.explain || figures.evaluate.median > RULES_TARGETS.evaluateMedianMs;
  for (const q of queries) {
    log(`  ${q.ms.toFixed(3)} ms  ${q.query.slice(0, 150)}${q.query.length > 150 ? '...' : ''}`);
    if (full) log(q.plan.split('\n').map((l) => `      ${l}`).join('\n'));
  }
  return { samples: samples.length, sampledByIncidents: sampled, figures, check, plans: { childIncidents: heaviest.incidents + 3, queries } };
}
