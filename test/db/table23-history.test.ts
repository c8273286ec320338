/**
 * The exploitation history service (what the demo and Tables 2 and 3 rest on): a batch is written in the
 * caller's transaction with one summary audit row, or refused whole with a clear reason: a role without the
 * actions, a child of another authority, an interview of another child, an indicator not on the form, a
 * completed combined assessment without the required judgements, a monitoring entry ending before it began.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { queryRows } from '../../src/db/database.ts';
import { auditEvents, returnInterviews } from '../../src/db/schema.ts';
import { recordExploitationHistory, type ExploitationHistory } from '../../src/modules/exploitation/history.service.ts';
import { Forbidden, ValidationFailed } from '../../src/modules/errors.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { CHILDREN, leadOf, loadTable23Fixture, type Fixture } from './table23-fixture.ts';

describeEachDatabase('exploitation history service', (use) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await loadTable23Fixture(use());
  });

  const concern = (child: string, extra: Partial<NonNullable<ExploitationHistory['concerns']>[number]> = {}) => ({
    id: randomUUID(), childId: f.ids[child] ?? '', source: 'casework', identifiedOn: '2025-05-01', types: ['sexual'], whatWasSeen: 'Seen.', seenBy: 'School',
    raisedBy: f.leadUserId, raisedByAgencyId: f.laAgencyId, ...extra,
  });
  const record = (history: ExploitationHistory, actor: Fixture['lead'] = f.lead) => use().transaction((tx) => recordExploitationHistory(tx, actor, history));
  const concernCount = async () => (await use().read((q) => queryRows<{ n: number }>(q, sql`SELECT count(*)::int AS n FROM exploitation_concerns`)))[0]?.n;
  const refusal = async (history: ExploitationHistory) => {
    const before = await concernCount();
    const error = await record(history).then(() => null, (e: unknown) => e);
    expect(await concernCount(), 'nothing written').toBe(before);
    return error;
  };

  it('writes a batch with one audit row giving its counts', async () => {
    const counts = await record({ concerns: [concern('A'), concern('B', { types: ['county_lines'] })], monitoring: [{ id: randomUUID(), panel: 'fmh', childId: f.ids.A ?? '', addedOn: '2025-05-02', addedReason: 'Missing four times in 90 days', addedBy: f.leadUserId }] });
    expect(counts).toEqual({ concerns: 2, monitoring: 1 });
    const audit = await use().read((q) => q.select().from(auditEvents).where(and(eq(auditEvents.action, 'exploitation.history-recorded'), eq(auditEvents.correlationId, f.lead.correlationId))));
    expect(audit.at(-1)?.details).toMatchObject({ counts: { concerns: 2, monitoring: 1 } });
  });

  it('refuses a role without the actions for the records', async () => {
    // A social worker raises concerns but does not manage panels: the whole batch is refused.
    const worker = { ...f.lead, role: 'social_worker' as const };
    const before = await concernCount();
    const error = await record({ concerns: [concern('A')], monitoring: [{ id: randomUUID(), panel: 'mase', childId: f.ids.C ?? '', addedOn: '2025-05-03', addedReason: 'x', addedBy: f.leadUserId }] }, worker).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Forbidden);
    expect(await concernCount()).toBe(before);
  });

  it('refuses a child of another authority, and an interview that is not the child’s', async () => {
    const other = await refusal({ concerns: [concern('Z')] });
    expect(other).toBeInstanceOf(ValidationFailed);
    expect((other as ValidationFailed).message).toBe("Every child must be one of the authority's children");
    const [interview] = await use().read((q) => q.select({ id: returnInterviews.id }).from(returnInterviews).limit(1));
    const notTheChilds = await refusal({ concerns: [concern('A', { source: 'rhi', returnInterviewId: interview?.id ?? randomUUID() })] });
    expect((notTheChilds as ValidationFailed).message).toBe("A concern from an interview must name one of the child's interviews in the authority");
    const city = await leadOf(use(), '892');
    expect(await record({ concerns: [concern('A')] }, city.actor).catch((e: unknown) => (e as Error).message)).toBe("Every child must be one of the authority's children; Every agency must be one of the authority's agencies");
    expect(CHILDREN.Z?.authority).toBe('892');
  });

  it('refuses records breaking the rules, saying which', async () => {
    const assessment = { id: randomUUID(), childId: f.ids.C ?? '', kind: 'combined', definitionVersion: 'ceera-2024.1', status: 'completed', startedAt: new Date('2025-05-01T10:00:00Z'), startedBy: f.leadUserId, completedAt: new Date('2025-05-02T10:00:00Z'), completedBy: f.leadUserId };
    const error = await refusal({
      concerns: [concern('A', { source: 'rhi' }), concern('A', { types: ['sexual', 'gangs'] })],
      assessments: [
        { ...assessment, indicators: [{ indicator: 'missing.not-on-the-form', answer: 'present', evidence: null }], judgements: [{ type: 'sexual', level: 'high', reasons: 'r' }, { type: 'criminal', level: 'none', reasons: 'r' }] },
        { ...assessment, id: randomUUID(), indicators: [], judgements: [{ type: 'sexual', level: 'high', reasons: 'r' }] },
      ],
      monitoring: [{ id: randomUUID(), panel: 'mase', childId: f.ids.D ?? '', addedOn: '2025-05-02', addedReason: 'x', addedBy: f.leadUserId, removedOn: '2025-05-01', removedReason: 'y', removedBy: f.leadUserId }],
    }) as ValidationFailed;
    expect(error).toBeInstanceOf(ValidationFailed);
    expect(error.problems.map((p) => p.field)).toEqual(['concerns', 'concerns', 'assessments', 'assessments', 'monitoring']);
    expect(error.message).toContain('a return interview is given exactly when the source is an interview');
    expect(error.message).toContain('an indicator is not in its definition');
    expect(error.message).toContain('a completed combined assessment judges every required type');
  });
});
