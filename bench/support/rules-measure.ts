/**
 * The timed part of the rule benchmark. For each sampled child, two new incidents, one after the other:
 * (a) an incident row inserted in a transaction, then `evaluateRepeatMissingFor` alone timed inside that same
 * transaction (the rule's cost per new incident); (b) a police notification through
 * `recordMissingNotification` end to end (its own transaction, every reaction), for context. Whether the rule
 * was met is read outside the timed code, from the child's meeting links before and after.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Database } from '../../src/db/database.ts';
import { incidents } from '../../src/db/schema.ts';
import { recordMissingNotification } from '../../src/modules/missing/intake.service.ts';
import { evaluateRepeatMissingFor } from '../../src/modules/repeat-missing/repeat-missing.service.ts';
import type { RepeatMissingRule } from '../../src/modules/repeat-missing/rule.ts';
import { countedLinks, nextIncident, notificationFor, policeApiActor, type NewIncident, type SampleChild } from './rules-samples.ts';

const DAY = 86_400_000;

/** Which way the evaluation went: the reaction skips every other load below the threshold. */
export type Branch = 'below' | 'notMet' | 'met';

export interface SampleResult {
  childId: string;
  incidentsBefore: number;
  evaluateMs: number;
  evaluateBranch: Branch;
  intakeMs: number;
  intakeBranch: Branch;
  /** The notification was linked to the sampled child (by its LA id) and accepted. */
  intakeLinked: boolean;
}

export interface MeasureContext {
  db: Database;
  rules: Map<string, RepeatMissingRule>;
  policeAgencyByAuthority: Map<string, string>;
  random: () => number;
  now: Date;
  /** Unique per run: the new incidents' police references. */
  runId: string;
}

function branch(incidentsAfter: number, rule: RepeatMissingRule, linksBefore: number, linksAfter: number): Branch {
  if (incidentsAfter < rule.incidents) return 'below';
  return linksAfter > linksBefore ? 'met' : 'notMet';
}

function actorFor(ctx: MeasureContext, child: SampleChild) {
  const agency = ctx.policeAgencyByAuthority.get(child.authorityCode);
  const rule = ctx.rules.get(child.authorityCode);
  if (!agency || !rule) throw new Error(`authority ${child.authorityCode} has no police agency or rule`);
  return { actor: policeApiActor(child.authorityCode, agency), rule };
}

/** (a) Insert the row, then time the rule's reaction alone, in the same transaction. */
async function timeEvaluation(ctx: MeasureContext, child: SampleChild, k: number, at: NewIncident) {
  const { actor, rule } = actorFor(ctx, child);
  return ctx.db.transaction(async (tx) => {
    const id = randomUUID();
    await tx.insert(incidents).values({
      id, authorityCode: child.authorityCode, childId: child.childId, sourceAgencyId: actor.agencyId, policeReference: `BENCH-${ctx.runId}-A${k}`,
      reportedAt: at.lastSeenAt, notifiedAt: at.lastSeenAt, lastSeenAt: at.lastSeenAt, foundAt: at.foundAt, riskGrade: 'medium',
      initialRiskGrade: 'medium', reportedMissingFrom: 'home', classification: 'home', createdAt: ctx.now, updatedAt: ctx.now,
    });
    const before = await countedLinks(tx, child.childId);
    const started = performance.now();
    await evaluateRepeatMissingFor(tx, actor, { childIds: [child.childId], endedIncidentIds: [id], now: ctx.now });
    const ms = performance.now() - started;
    const after = await countedLinks(tx, child.childId);
    return { ms, branch: branch(child.incidents + 1, rule, before, after) };
  });
}

/** (b) The whole intake of one notification, end to end. */
async function timeIntake(ctx: MeasureContext, child: SampleChild, k: number, at: NewIncident) {
  const { actor, rule } = actorFor(ctx, child);
  const before = await ctx.db.read((q) => countedLinks(q, child.childId));
  const started = performance.now();
  const outcome = await recordMissingNotification(ctx.db, actor, notificationFor(child, `BENCH-${ctx.runId}-B${k}`, at), { source: 'api', now: ctx.now });
  const ms = performance.now() - started;
  const after = await ctx.db.read((q) => countedLinks(q, child.childId));
  return { ms, branch: branch(child.incidents + 2, rule, before, after), linked: outcome.status === 'accepted' && outcome.childId === child.childId };
}

/** Both measurements for one child: its next incident (a), then the one after that (b). */
export async function measureChild(ctx: MeasureContext, child: SampleChild, k: number): Promise<SampleResult> {
  const latest = { startedAt: child.lastStartedAt, endedAt: child.lastEndedAt };
  const a = nextIncident(latest, child.meanIntervalMs, new Date(ctx.now.getTime() - 3 * DAY), ctx.random);
  const evaluation = await timeEvaluation(ctx, child, k, a);
  const b = nextIncident({ startedAt: a.lastSeenAt, endedAt: a.foundAt }, child.meanIntervalMs, new Date(ctx.now.getTime() - DAY), ctx.random);
  const intake = await timeIntake(ctx, child, k, b);
  return {
    childId: child.childId, incidentsBefore: child.incidents, evaluateMs: evaluation.ms, evaluateBranch: evaluation.branch,
    intakeMs: intake.ms, intakeBranch: intake.branch, intakeLinked: intake.linked,
  };
}

/** Every sample in turn (one at a time: the figure is the latency of one evaluation, not throughput). */
export async function measureAll(ctx: MeasureContext, samples: SampleChild[], offset: number, log: (line: string) => void): Promise<SampleResult[]> {
  const results: SampleResult[] = [];
  for (const [k, child] of samples.entries()) {
    results.push(await measureChild(ctx, child, offset + k));
    if ((k + 1) % 250 === 0) log(`  ${k + 1} of ${samples.length} children`);
  }
  return results;
}
