/**
 * The subject access export as an A4 PDF (pdfkit), for a person to read: "OFFICIAL-SENSITIVE" on every page, who
 * made it and when, what to review before release, then one section per kind of record with labelled fields,
 * photos embedded, the linked persons and locations, and who has seen or changed the record. Every third-party
 * value is highlighted under "THIRD PARTY — review before release" with the reason.
 */
import PDFDocument from 'pdfkit';
import { formatUkDate, formatUkDateTime } from '../missing/uk-time.ts';
import { rowKey } from './catalogue.ts';
import type { Row } from './graph.ts';
import { columnLabel, tableLabel } from './sar-labels.ts';
import { marksByCell, type BinaryValue, type SarPackage } from './sar-package.ts';
import { displayValue, drawMarkings, field, heading, MARGIN, MARKING, markedField, note, photo, THIRD_PARTY_MARKER, type Doc } from './sar-pdf-parts.ts';

// Bookkeeping columns a reader has no use for; they stay in the machine-readable export.
const HIDDEN = new Set(['authority_code', 'version', 'forename_norm', 'surname_norm']);

export interface SarChildHeading {
  id: string;
  name: string;
  dateOfBirth: string;
}

interface Drawing {
  doc: Doc;
  marks: Map<string, string>;
  /** How many third-party values were highlighted. */
  marked: number;
}

/** The PDF's bytes, and how many values it marks for review. */
export async function sarPdf(pkg: SarPackage, child: SarChildHeading): Promise<{ bytes: Buffer; marked: number }> {
  const doc = new PDFDocument({
    size: 'A4', margins: { top: 50, bottom: 50, left: MARGIN, right: MARGIN }, bufferPages: true,
    // The file's own properties name no child: it may be listed by a mail or file system.
    info: { Title: `Subject access request ${child.id}`, Subject: MARKING, Creator: 'Homeward' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const drawing: Drawing = { doc, marks: marksByCell(pkg), marked: 0 };
  opening(doc, pkg, child);
  for (const [table, rows] of Object.entries(pkg.records)) section(drawing, pkg, table, rows);
  for (const [table, rows] of Object.entries(pkg.linkedRecords)) section(drawing, pkg, table, rows);
  auditSection(drawing, pkg);
  drawMarkings(doc);
  doc.end();
  return { bytes: await done, marked: drawing.marked };
}

function opening(doc: Doc, pkg: SarPackage, child: SarChildHeading): void {
  doc.font('Helvetica-Bold').fontSize(18).fillColor('black').text('Subject access request: everything Homeward holds');
  doc.moveDown(0.3);
  note(doc, `About ${child.name}, born ${formatUkDate(child.dateOfBirth)} (record ${child.id}). Produced ${formatUkDateTime(new Date(pkg.producedAt))} (UK time) by ${pkg.producedBy.name} (${pkg.producedBy.role}).`);
  heading(doc, 'Before this is released', 12);
  note(doc, `${pkg.redaction.length} values name or identify someone other than the child. Each is highlighted and marked "${THIRD_PARTY_MARKER}" with the reason. Nothing has been removed: decide what to redact before release.`);
  if (pkg.withheld.length > 0) note(doc, `Left out: ${pkg.withheld.map((w) => `${w.table}.${w.column}`).join(', ')} (security credentials, not information about the child).`);
  heading(doc, 'What is held', 12);
  for (const s of pkg.summary) field(doc, s.label, String(s.rows));
  for (const [table, rows] of Object.entries(pkg.linkedRecords)) field(doc, tableLabel(table), String(rows.length));
  field(doc, tableLabel('audit_events'), String(pkg.auditEvents.length));
  doc.moveDown(0.6);
}

function section(drawing: Drawing, pkg: SarPackage, table: string, rows: Row[]): void {
  const { doc } = drawing;
  doc.addPage();
  heading(doc, `${tableLabel(table)} (${rows.length})`);
  const key = pkg.keys[table] ?? ['id'];
  for (const [index, row] of rows.entries()) {
    const id = rowKey(row, key);
    heading(doc, `${index + 1} of ${rows.length}`, 10);
    for (const [column, value] of Object.entries(row)) {
      if (HIDDEN.has(column)) continue;
      if (isBinary(value)) {
        photo(doc, columnLabel(column), value);
        continue;
      }
      const shown = displayValue(value);
      if (shown === null) continue;
      const reason = drawing.marks.get(`${table}|${id}|${column}`);
      if (reason) {
        markedField(doc, columnLabel(column), shown, reason);
        drawing.marked += 1;
      } else {
        field(doc, columnLabel(column), shown);
      }
    }
    doc.moveDown(0.5);
  }
}

function auditSection(drawing: Drawing, pkg: SarPackage): void {
  const { doc } = drawing;
  doc.addPage();
  heading(doc, `${tableLabel('audit_events')} (${pkg.auditEvents.length})`);
  note(doc, 'Every recorded view and change of the record: when (UK time), what, and who.');
  for (const e of pkg.auditEvents) {
    const who = [e.who, e.role, e.agency].filter(Boolean).join(', ');
    const reason = drawing.marks.get(`audit_events|${e.id}|who`);
    const line = `${e.action}${e.subjectType ? ` (${e.subjectType})` : ''}: ${who}`;
    if (reason) {
      markedField(doc, formatUkDateTime(new Date(e.at)), line, reason);
      drawing.marked += 1;
    } else {
      field(doc, formatUkDateTime(new Date(e.at)), line);
    }
  }
}

function isBinary(value: unknown): value is BinaryValue {
  return typeof value === 'object' && value !== null && 'encoding' in value && (value as BinaryValue).encoding === 'base64';
}
