/** What CI makes of `npm audit --audit-level=high --json`: passed, failed (high or critical findings, or an answer
 * that cannot be understood), or unavailable (the registry has no audit endpoint or cannot be reached). */

export interface AuditRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface Verdict {
  outcome: 'passed' | 'failed' | 'unavailable';
  lines: string[];
  exitCode: 0 | 1;
}

interface Advisory {
  name?: string;
  severity?: string;
  via?: (string | { title?: string; url?: string; severity?: string })[];
  range?: string;
}

interface AuditJson {
  metadata?: { vulnerabilities?: Record<string, number> };
  vulnerabilities?: Record<string, Advisory>;
  statusCode?: number;
  uri?: string;
  message?: string;
  code?: string;
  error?: { code?: string; summary?: string; detail?: string };
}

const UNREACHABLE = /^(E\d{3}|ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ECONNABORTED)$/;

function parse(stdout: string): AuditJson | null {
  try {
    const value: unknown = JSON.parse(stdout);
    return value && typeof value === 'object' ? (value as AuditJson) : null;
  } catch {
    return null;
  }
}

function registryOf(json: AuditJson, fallback: string): string {
  const uri = json.uri ?? /https?:\/\/\S+/.exec(json.message ?? '')?.[0];
  try {
    return uri ? new URL(uri).origin : fallback;
  } catch {
    return fallback;
  }
}

/** Why the audit endpoint gave no answer, when that is what happened (else null). */
function unavailableReason(json: AuditJson | null, stderr: string): string | null {
  if (json?.statusCode && json.statusCode >= 400) {
    return json.statusCode === 405 ? 'does not offer the audit endpoint (HTTP 405)' : `answered the audit request with HTTP ${json.statusCode}`;
  }
  const code = json?.error?.code ?? json?.code ?? /\bcode (E[A-Z0-9_]+)/.exec(stderr)?.[1];
  if (code && UNREACHABLE.test(code)) return `could not be reached for the audit (${code})`;
  if (/audit endpoint returned an error/.test(stderr)) return 'returned an error from the audit endpoint';
  return null;
}

function findings(json: AuditJson): string[] {
  return Object.entries(json.vulnerabilities ?? {})
    .filter(([, v]) => v.severity === 'high' || v.severity === 'critical')
    .map(([name, v]) => {
      const titles = (v.via ?? []).map((x) => (typeof x === 'string' ? `via ${x}` : `${x.title ?? 'advisory'}${x.url ? ` (${x.url})` : ''}`));
      return `  ${v.severity}: ${name}${v.range ? ` ${v.range}` : ''}: ${titles.join('; ')}`;
    });
}

/** What CI should make of one run of `npm audit --audit-level=high --json`. */
export function judgeAudit(run: AuditRun, registry: string): Verdict {
  const json = parse(run.stdout);
  const counts = json?.metadata?.vulnerabilities;
  if (json && counts) {
    const serious = (counts.high ?? 0) + (counts.critical ?? 0);
    const summary = `npm audit: ${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low (production and development dependencies)`;
    if (serious > 0 || run.exitCode !== 0) return { outcome: 'failed', lines: [summary, ...findings(json), 'npm audit: FAILED: fix or update the packages above (npm audit fix), then run again.'], exitCode: 1 };
    return { outcome: 'passed', lines: [summary, 'npm audit: passed (no high or critical advisories).'], exitCode: 0 };
  }
  const reason = unavailableReason(json, run.stderr);
  if (reason) {
    const at = json ? registryOf(json, registry) : registry;
    return { outcome: 'unavailable', lines: [`npm audit could not run: the registry at ${at} ${reason}; no advisory data was checked`], exitCode: 0 };
  }
  const said = `${run.stdout}\n${run.stderr}`.trim().split('\n').slice(0, 20).map((l) => `  ${l}`);
  return { outcome: 'failed', lines: [`npm audit: FAILED: its answer (exit ${run.exitCode}) could not be understood:`, ...said], exitCode: 1 };
}
