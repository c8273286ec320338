/**
 * The subject access export as one plain object: every row held about the child by table (column → value),
 * photos as base64 with their content type, the audit events about the child, and the marks of third-party
 * information. The JSON file is this object; the PDF is drawn from it. Pure: no I/O.
 */
import { ROLE_LABELS, type Role } from '../access/actor.ts';
import { primaryKeyOf, rowKey } from './catalogue.ts';
import type { Row } from './graph.ts';
import type { AuditLine, Gathered } from './sar-gather.ts';
import { byReadingOrder, tableLabel } from './sar-labels.ts';
import { staffNameNeedsReview, thirdPartyMarks, REASONS, type RedactionMark } from './third-party.ts';

export const SAR_FORMAT = 'homeward-subject-access/1';

// Security credentials are not information about the child, and would weaken the links and alerts they protect.
const WITHHELD = /(^|_)(token_hash|key_hash|password_hash|code_hash|secret|secret_sealed)$/;

export interface BinaryValue {
  contentType: string;
  encoding: 'base64';
  data: string;
}

export interface SarAuditEvent {
  id: number;
  at: string;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  /** The person, "Police system (API key)" or "Homeward (automatic)". */
  who: string;
  role: string | null;
  agency: string | null;
}

export interface SarPackage {
  format: typeof SAR_FORMAT;
  producedAt: string;
  producedBy: { name: string; role: string };
  authorityCode: string;
  childId: string;
  summary: { table: string; label: string; rows: number }[];
  /** Each table's primary key columns: the `id` of a redaction mark is these values joined by '/'. */
  keys: Record<string, string[]>;
  records: Record<string, Row[]>;
  /** Persons and locations the child's records link to: not the child's own records, wholly or partly third-party. */
  linkedRecords: Record<string, Row[]>;
  auditEvents: SarAuditEvent[];
  redaction: RedactionMark[];
  withheld: { table: string; column: string; reason: string }[];
}

export interface Producer {
  name: string;
  role: Role;
  authorityCode: string;
}

export function buildSarPackage(gathered: Gathered, childId: string, producer: Producer, now: Date): SarPackage {
  const context = { childIds: gathered.childIds };
  const redaction: RedactionMark[] = [];
  const withheld = new Map<string, { table: string; column: string; reason: string }>();
  const keys: Record<string, string[]> = {};
  const convert = (table: string, rows: Iterable<Row>): Row[] => {
    const key = primaryKeyOf(gathered.catalogue, table);
    keys[table] = key;
    const types = gathered.catalogue.columnTypes.get(table) ?? new Map<string, string>();
    return [...rows].sort((a, b) => rowKey(a, key).localeCompare(rowKey(b, key))).map((row) => {
      redaction.push(...thirdPartyMarks(table, rowKey(row, key), row, context));
      return exported(table, row, types, withheld);
    });
  };
  const records = Object.fromEntries([...gathered.graph.tables].sort(([a], [b]) => byReadingOrder(a, b)).map(([t, rows]) => [t, convert(t, rows.values())]));
  const linkedRecords = Object.fromEntries([...gathered.linked].map(([t, rows]) => [t, convert(t, rows)]));
  const auditEvents = gathered.audit.map(auditEvent);
  for (const [i, line] of gathered.audit.entries()) {
    if (line.userName && staffNameNeedsReview(line.agencyKind)) redaction.push({ table: 'audit_events', id: String(auditEvents[i]?.id), column: 'who', reason: REASONS.staff });
  }
  return {
    format: SAR_FORMAT, producedAt: now.toISOString(), producedBy: { name: producer.name, role: ROLE_LABELS[producer.role] },
    authorityCode: producer.authorityCode, childId,
    summary: Object.entries(records).map(([table, rows]) => ({ table, label: tableLabel(table), rows: rows.length })),
    keys, records, linkedRecords, auditEvents, redaction, withheld: [...withheld.values()],
  };
}

/** A row as exported: credentials left out (and listed), bytea as base64 with the row's content type. */
function exported(table: string, row: Row, types: Map<string, string>, withheld: Map<string, { table: string; column: string; reason: string }>): Row {
  const out: Row = {};
  for (const [column, value] of Object.entries(row)) {
    if (WITHHELD.test(column)) {
      withheld.set(`${table}.${column}`, { table, column, reason: 'A security credential (a one-way fingerprint of a link or key), not information about the child' });
      continue;
    }
    out[column] = types.get(column) === 'bytea' && typeof value === 'string' ? binary(value, row) : value;
  }
  return out;
}

function binary(hex: string, row: Row): BinaryValue {
  const contentType = typeof row.content_type === 'string' ? row.content_type : 'application/octet-stream';
  return { contentType, encoding: 'base64', data: Buffer.from(hex.replace(/^\\x/, ''), 'hex').toString('base64') };
}

function auditEvent(line: AuditLine): SarAuditEvent {
  const who = line.actorKind === 'api_key' ? 'Police system (API key)' : line.userName ?? 'Homeward (automatic)';
  const role = line.role && line.role in ROLE_LABELS ? ROLE_LABELS[line.role as Role] : null;
  return {
    id: Number(line.id), at: line.at.toISOString(), action: line.action, subjectType: line.subjectType, subjectId: line.subjectId,
    who, role, agency: line.agencyName,
  };
}

/** The redaction marks by row and column, for drawing: `${table}|${id}|${column}` → reason. */
export function marksByCell(pkg: SarPackage): Map<string, string> {
  return new Map(pkg.redaction.map((m) => [`${m.table}|${m.id}|${m.column}`, m.reason]));
}

/** A file name that never names the child: their id and the day. */
export function sarFileName(childId: string, now: Date, extension: 'json' | 'pdf'): string {
  return `subject-access-${childId}-${now.toISOString().slice(0, 10).replaceAll('-', '')}.${extension}`;
}
