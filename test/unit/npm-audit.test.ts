/**
 * `npm run audit` in CI: high or critical advisories fail the run; a registry that has no audit endpoint (or
 * cannot be reached) is said out loud and the run goes on; anything not understood fails. Checked on recorded
 * `npm audit --json` answers, through the judging function and through the script as CI runs it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { judgeAudit } from '../../scripts/npm-audit-verdict.ts';

// What npm 11 printed here against a mirror without the audit endpoint (trimmed headers).
const HTTP_405 = JSON.stringify({
  message: '405 Method Not Allowed - POST https://mirror.example/-/npm/v1/security/advisories/bulk',
  method: 'POST', uri: 'https://mirror.example/-/npm/v1/security/advisories/bulk', headers: { allow: ['GET,HEAD'] },
  statusCode: 405, body: '', error: { summary: '', detail: '' },
});
const NOT_FOUND = JSON.stringify({ error: { code: 'ENOTFOUND', summary: 'request to https://registry.example/-/npm/v1/security/advisories/bulk failed, reason: getaddrinfo ENOTFOUND registry.example', detail: '' } });
const counts = (high: number, critical: number, moderate = 0) => ({ info: 0, low: 0, moderate, high, critical, total: high + critical + moderate });
const HIGH = JSON.stringify({
  auditReportVersion: 2,
  vulnerabilities: {
    'left-pad-example': { name: 'left-pad-example', severity: 'high', via: [{ title: 'Prototype pollution in left-pad-example', url: 'https://advisories.example/GHSA-0000', severity: 'high' }], range: '<1.2.0' },
    'uses-it-example': { name: 'uses-it-example', severity: 'moderate', via: ['left-pad-example'], range: '*' },
  },
  metadata: { vulnerabilities: counts(1, 0, 1) },
});
const CLEAN = JSON.stringify({ auditReportVersion: 2, vulnerabilities: {}, metadata: { vulnerabilities: counts(0, 0, 2) } });

describe('judging npm audit', () => {
  it('fails on a high advisory and names the package, the advisory and its address', () => {
    const verdict = judgeAudit({ exitCode: 1, stdout: HIGH, stderr: '' }, 'https://registry.example');
    expect(verdict.exitCode).toBe(1);
    expect(verdict.outcome).toBe('failed');
    expect(verdict.lines.join('\n')).toContain('high: left-pad-example <1.2.0: Prototype pollution in left-pad-example (https://advisories.example/GHSA-0000)');
    expect(verdict.lines.join('\n')).not.toContain('uses-it-example');
  });

  it('passes with only moderate advisories, saying how many', () => {
    const verdict = judgeAudit({ exitCode: 0, stdout: CLEAN, stderr: '' }, 'https://registry.example');
    expect(verdict).toMatchObject({ outcome: 'passed', exitCode: 0 });
    expect(verdict.lines[0]).toBe('npm audit: 0 critical, 0 high, 2 moderate, 0 low (production and development dependencies)');
  });

  it('says plainly that nothing was checked when the registry has no audit endpoint, and lets CI go on', () => {
    const verdict = judgeAudit({ exitCode: 1, stdout: HTTP_405, stderr: 'npm error audit endpoint returned an error' }, 'https://registry.example');
    expect(verdict).toEqual({ outcome: 'unavailable', exitCode: 0, lines: ['npm audit could not run: the registry at https://mirror.example does not offer the audit endpoint (HTTP 405); no advisory data was checked'] });
  });

  it('treats an unreachable registry the same way, naming the error', () => {
    const verdict = judgeAudit({ exitCode: 1, stdout: NOT_FOUND, stderr: '' }, 'https://registry.example');
    expect(verdict.lines).toEqual(['npm audit could not run: the registry at https://registry.example could not be reached for the audit (ENOTFOUND); no advisory data was checked']);
    expect(verdict.exitCode).toBe(0);
  });

  it('fails when the answer cannot be understood, rather than calling it a pass', () => {
    const verdict = judgeAudit({ exitCode: 1, stdout: 'Segmentation fault', stderr: '' }, 'https://registry.example');
    expect(verdict).toMatchObject({ outcome: 'failed', exitCode: 1 });
    expect(verdict.lines[1]).toBe('  Segmentation fault');
  });
});

describe('npm run audit, as CI runs it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'homeward-audit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function runScript(output: string, exit: number) {
    const file = join(dir, `audit-${exit}-${output.length}.json`);
    writeFileSync(file, output);
    const env = { ...process.env, HOMEWARD_AUDIT_OUTPUT: file, HOMEWARD_AUDIT_EXIT: String(exit) };
    return spawnSync(process.execPath, ['bin/run-ts.mjs', 'scripts/npm-audit.ts'], { encoding: 'utf8', env, timeout: 60_000 });
  }

  it('exits 1 on a high finding, so `set -e` in .ci/run stops before the tests', () => {
    const run = runScript(HIGH, 1);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('npm audit: FAILED');
  }, 60_000);

  it('exits 0 with the loud line when the registry answers HTTP 405', () => {
    const run = runScript(HTTP_405, 1);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('npm audit could not run: the registry at https://mirror.example does not offer the audit endpoint (HTTP 405); no advisory data was checked');
  }, 60_000);
});
