/** `homeward audit seal` and `homeward audit verify`: the tamper-evident audit trail from a terminal. */
import type { Command } from 'commander';
import { sealAudit } from '../modules/audit/chain.ts';
import { verifyAudit } from '../modules/audit/chain-verify.ts';
import { withDatabase } from './data-commands.ts';

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit trail');
  audit
    .command('seal')
    .description('chain the audit rows written since the last seal (the web server also does this every 30 seconds)')
    .action(async () => {
      const sealed = await withDatabase((db) => sealAudit(db, new Date()));
      console.log(`${sealed} rows sealed`);
    });

  audit
    .command('verify')
    .description('recompute the audit chain; exit 1 at the first altered, inserted or deleted row')
    .action(async () => {
      const report = await withDatabase((db) => verifyAudit(db));
      if (report.problem) {
        console.log(`The audit trail was tampered with: ${report.problem.message}`);
        process.exitCode = 1;
        return;
      }
      console.log(`${report.verified} rows verified`);
      // Someone able to rewrite every seal could also cut or extend the chain's end: recording the head elsewhere shows that.
      if (report.head) console.log(`Chain head: seal ${report.head.seq}, hash ${report.head.hash}`);
      if (report.unsealed > 0) console.log(`${report.unsealed} newer rows are not sealed yet (run \`homeward audit seal\`)`);
    });
}
