/**
 * `npm run audit`: `npm audit --audit-level=high` over production and development dependencies, judged for CI.
 *
 * - High or critical advisories: each is printed and the exit status is 1, so CI fails.
 * - The registry has no audit endpoint or cannot be reached (HTTP 405 from a mirror, ENOTFOUND, ECONNREFUSED,
 *   E400...): one loud line says so, that no advisory data was checked, and the exit status is 0. A mirror
 *   without the endpoint must not stop every build, but nobody may read a green run as "audited".
 * - Anything else npm says that cannot be understood: exit status 1 (an audit that did not clearly pass fails).
 *
 * For tests: HOMEWARD_AUDIT_OUTPUT names a file holding what `npm audit --json` printed, and
 * HOMEWARD_AUDIT_EXIT its exit status (default 1); npm is then not run.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { judgeAudit, type AuditRun } from './npm-audit-verdict.ts';

function runNpmAudit(): AuditRun {
  const given = process.env.HOMEWARD_AUDIT_OUTPUT;
  if (given) return { exitCode: Number(process.env.HOMEWARD_AUDIT_EXIT ?? 1), stdout: readFileSync(given, 'utf8'), stderr: '' };
  const result = spawnSync('npm', ['audit', '--audit-level=high', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { exitCode: result.status ?? 1, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

function configuredRegistry(): string {
  const result = spawnSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' });
  return (result.stdout ?? '').trim().split('\n').pop()?.replace(/\/$/, '') || 'the configured registry';
}

function main(): void {
  const registry = process.env.HOMEWARD_AUDIT_OUTPUT ? 'the configured registry' : configuredRegistry();
  const verdict = judgeAudit(runNpmAudit(), registry);
  // Loud on purpose: a run that checked nothing must not pass unnoticed in a long CI log.
  const bar = verdict.outcome === 'unavailable' ? ['!'.repeat(100)] : [];
  const print = verdict.outcome === 'failed' ? console.error : console.log;
  for (const line of [...bar, ...verdict.lines, ...bar]) print(line);
  process.exitCode = verdict.exitCode;
}

main();
