/**
 * `homeward sar --child <id> --out DIR`, `homeward retention review` and `homeward retention delete --child <id>`:
 * the data protection officer's work from a terminal. The CLI acts as the data protection officer (admin role) of
 * the record's authority, through the same services as the web pages, so the same checks and audit rows apply.
 * It prints ids, never names: its output may end up in a log.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { agencies, authorities, children } from '../db/schema.ts';
import { systemActor, type Actor } from '../modules/access/actor.ts';
import { deleteRecord } from '../modules/data-protection/record-deletion.service.ts';
import { retentionReview } from '../modules/data-protection/retention.service.ts';
import { parseSubject } from '../modules/data-protection/retention-subjects.ts';
import { produceSubjectAccess } from '../modules/data-protection/sar.service.ts';
import { DomainRuleBroken, Forbidden, NotFound, ValidationFailed } from '../modules/errors.ts';
import { formatUkDate, londonDate } from '../modules/missing/uk-time.ts';
import { withDatabase } from './data-commands.ts';

/** A problem the operator can fix, told in one line. */
class DataProtectionInputError extends Error {}

/** The authority's data protection officer, as the command line acts. */
async function officerOf(db: Database, authorityCode: string): Promise<Actor> {
  const [agency] = await db.read((q) => q.select({ id: agencies.id }).from(agencies)
    .where(and(eq(agencies.authorityCode, authorityCode), eq(agencies.kind, 'local_authority'))).limit(1));
  if (!agency) throw new DataProtectionInputError(`Authority ${authorityCode} has no local authority agency recorded`);
  return { ...systemActor(authorityCode, agency.id, `cli-data-protection-${randomUUID()}`), role: 'admin', displayName: 'Homeward CLI (data protection officer)' };
}

/** The officer of the authority that holds the child's record. */
async function officerForChild(db: Database, childId: string): Promise<Actor> {
  const [child] = await db.read((q) => q.select({ authorityCode: children.authorityCode }).from(children).where(eq(children.id, childId)));
  if (!child) throw new NotFound(`There is no child with id ${childId}`);
  return officerOf(db, child.authorityCode);
}

function handled<A extends unknown[]>(run: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args) => {
    try {
      await run(...args);
    } catch (error) {
      if (![DataProtectionInputError, ValidationFailed, NotFound, Forbidden, DomainRuleBroken].some((k) => error instanceof k)) throw error;
      console.error(`homeward: ${(error as Error).message}`);
      process.exitCode = 1;
    }
  };
}

async function runSar(o: { child: string; out: string }): Promise<void> {
  const subject = parseSubject('child', o.child);
  const files = await withDatabase(async (db) => {
    const actor = await officerForChild(db, subject.id);
    const now = new Date();
    return [await produceSubjectAccess(db, actor, subject.id, 'json', now), await produceSubjectAccess(db, actor, subject.id, 'pdf', now)];
  });
  try {
    await mkdir(o.out, { recursive: true });
    for (const file of files) await writeFile(join(o.out, file.fileName), file.bytes);
  } catch (error) {
    throw new DataProtectionInputError(`Cannot write to ${o.out}: ${(error as NodeJS.ErrnoException).code ?? 'unknown error'}`, { cause: error });
  }
  for (const file of files) console.log(`Wrote ${join(o.out, file.fileName)} (${file.bytes.length} bytes)`);
  console.log('Review every value marked "THIRD PARTY — review before release" before anything is released.');
}

async function runReview(o: { authority?: string }): Promise<void> {
  await withDatabase(async (db) => {
    const codes = o.authority ? [o.authority] : (await db.read((q) => q.select({ code: authorities.code }).from(authorities).orderBy(asc(authorities.code)))).map((a) => a.code);
    for (const code of codes) {
      const [known] = await db.read((q) => q.select({ code: authorities.code }).from(authorities).where(eq(authorities.code, code)));
      if (!known) throw new DataProtectionInputError(`There is no authority with code ${code}`);
      const review = await retentionReview(db, await officerOf(db, code), new Date());
      const heading = `Authority ${code}: ${review.due.length} ${review.due.length === 1 ? 'record' : 'records'} due for deletion on ${formatUkDate(review.today)}`;
      console.log(heading);
      for (const d of review.due) {
        console.log(`  due ${formatUkDate(d.due.dueOn)}  ${d.type} ${d.id}  ${d.due.ruleText}${d.hold ? '  ON LEGAL HOLD' : ''}`);
      }
    }
  });
}

async function runDelete(o: { child: string }): Promise<void> {
  const subject = parseSubject('child', o.child);
  await withDatabase(async (db) => {
    const { status, counts } = await deleteRecord(db, await officerForChild(db, subject.id), subject, new Date());
    const rows = Object.values(counts).reduce((sum, n) => sum + n, 0);
    console.log(`Deleted child ${subject.id} (${status.due.ruleText.toLowerCase()}, due ${formatUkDate(status.due.dueOn)}): ${rows} ${rows === 1 ? 'row' : 'rows'}`);
    for (const [table, n] of Object.entries(counts)) console.log(`  ${table}: ${n}`);
    console.log(`The deletion is in the audit trail (record.deleted, ${londonDate(new Date())}).`);
  });
}

export function registerDataProtectionCommands(program: Command): void {
  program.command('sar')
    .description('subject access request: write everything held about a child as a JSON file and a PDF (third-party information marked for review)')
    .requiredOption('--child <id>', "the child's record id")
    .requiredOption('--out <dir>', 'the folder to write the two files to (their names hold the id, never the name)')
    .action(handled(runSar));
  const retention = program.command('retention').description('retention: records past their date, and audited deletion');
  retention.command('review')
    .description('list the records past their retention date, oldest first, with the rule and any legal hold')
    .option('--authority <code>', 'one authority (default: every authority)')
    .action(handled(runReview));
  retention.command('delete')
    .description("delete a child's record and everything that hangs from it, if it is due and not on legal hold (audited)")
    .requiredOption('--child <id>', "the child's record id")
    .action(handled(runDelete));
}
