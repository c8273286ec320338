/** Drawing pieces of the subject access PDF: page markings, headings, fields (plain and marked), photos. */
import PDFDocument from 'pdfkit';
import { formatUkDate, formatUkDateTime } from '../missing/uk-time.ts';

export type Doc = InstanceType<typeof PDFDocument>;

export const MARKING = 'OFFICIAL-SENSITIVE';
export const THIRD_PARTY_MARKER = 'THIRD PARTY — review before release';
export const MARGIN = 50;
const GREY = '#505a5f';
const HIGHLIGHT = '#fff2a8';
const MARKER_INK = '#942514';

const width = (doc: Doc) => doc.page.width - 2 * MARGIN;
const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

/** Starts a new page unless `height` fits above the bottom margin. */
export function room(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

/** "OFFICIAL-SENSITIVE" at the top and bottom of every page, and the page number. */
export function drawMarkings(doc: Doc): void {
  const { count } = doc.bufferedPageRange();
  for (let n = 0; n < count; n++) {
    doc.switchToPage(n);
    const margin = doc.page.margins.bottom;
    // Writing inside the bottom margin would start a new page: lift the margin while the footer is drawn.
    doc.page.margins.bottom = 0;
    doc.font('Helvetica-Bold').fontSize(10).fillColor('black');
    doc.text(MARKING, MARGIN, 20, { width: width(doc), align: 'center' });
    doc.text(MARKING, MARGIN, doc.page.height - 32, { width: width(doc), align: 'center' });
    doc.font('Helvetica').fontSize(8).fillColor(GREY);
    doc.text(`Page ${n + 1} of ${count}`, MARGIN, doc.page.height - 32, { width: width(doc), align: 'right' });
    doc.page.margins.bottom = margin;
  }
}

export function heading(doc: Doc, text: string, size = 14): void {
  room(doc, 80);
  doc.font('Helvetica-Bold').fontSize(size).fillColor('black').text(text, MARGIN);
  doc.moveDown(0.3);
}

export function note(doc: Doc, text: string): void {
  doc.font('Helvetica').fontSize(9).fillColor(GREY).text(text, MARGIN, doc.y, { width: width(doc) });
  doc.moveDown(0.4);
}

/** A value as a person reads it: UK dates and times, Yes/No, lists with commas; null when there is nothing. */
export function displayValue(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.map((v) => displayValue(v) ?? '').filter(Boolean).join(', ') || null;
  if (typeof value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) && !Number.isNaN(Date.parse(value))) return formatUkDateTime(new Date(value));
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatUkDate(value);
    return value;
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value as number);
}

export function field(doc: Doc, label: string, value: string): void {
  room(doc, 14);
  doc.font('Helvetica-Bold').fontSize(10).fillColor('black').text(`${label}: `, MARGIN, doc.y, { continued: true, width: width(doc) });
  doc.font('Helvetica').text(value);
  doc.moveDown(0.1);
}

/** A field naming someone else: highlighted, under a marker the reviewer cannot miss. */
export function markedField(doc: Doc, label: string, value: string, reason: string): void {
  const inner = width(doc) - 8;
  const marker = `${THIRD_PARTY_MARKER}: ${reason}`;
  const markerHeight = doc.font('Helvetica-Bold').fontSize(8).heightOfString(marker, { width: inner });
  const valueHeight = doc.font('Helvetica').fontSize(10).heightOfString(`${label}: ${value}`, { width: inner });
  const height = markerHeight + valueHeight + 8;
  room(doc, height);
  const top = doc.y;
  doc.save().rect(MARGIN, top, width(doc), height).fill(HIGHLIGHT).restore();
  doc.font('Helvetica-Bold').fontSize(8).fillColor(MARKER_INK).text(marker, MARGIN + 4, top + 3, { width: inner });
  doc.font('Helvetica-Bold').fontSize(10).fillColor('black').text(`${label}: `, MARGIN + 4, doc.y + 1, { continued: true, width: inner });
  doc.font('Helvetica').text(value);
  doc.y = top + height + 2;
}

/** A photo embedded when the PDF can show it; otherwise listed by type and size. */
export function photo(doc: Doc, label: string, image: { contentType: string; data: string }): void {
  const bytes = Buffer.from(image.data, 'base64');
  if (image.contentType !== 'image/jpeg' && image.contentType !== 'image/png') {
    field(doc, label, `a file of type ${image.contentType}, ${bytes.length} bytes (in the machine-readable export)`);
    return;
  }
  room(doc, 215);
  const top = doc.y;
  doc.image(bytes, MARGIN, top, { fit: [160, 200] });
  doc.y = top + 205;
  note(doc, `${label}: ${image.contentType}, ${bytes.length} bytes`);
}
