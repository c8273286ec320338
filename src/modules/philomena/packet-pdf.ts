/**
 * The police packet as an A4 PDF (pdfkit): "OFFICIAL-SENSITIVE" at the top and bottom of every page, as the
 * Government Security Classifications mark a document; when it was made and by whom; the photo; then the
 * same sections as the printable page.
 */
import PDFDocument from 'pdfkit';
import { formatUkDate, formatUkDateTime } from '../missing/uk-time.ts';
import type { PolicePacket } from './packet.service.ts';
import { packetSections, type PacketSection } from './packet-sections.ts';

export const MARKING = 'OFFICIAL-SENSITIVE';
const MARGIN = 50;
const GREY = '#505a5f';

type Doc = InstanceType<typeof PDFDocument>;

function drawMarkings(doc: Doc): void {
  const { count } = doc.bufferedPageRange();
  for (let n = 0; n < count; n++) {
    doc.switchToPage(n);
    const bottom = doc.page.margins.bottom;
    // Writing inside the bottom margin would start a new page: lift the margin while the footer is drawn.
    doc.page.margins.bottom = 0;
    const width = doc.page.width - 2 * MARGIN;
    doc.font('Helvetica-Bold').fontSize(10).fillColor('black');
    doc.text(MARKING, MARGIN, 20, { width, align: 'center' });
    doc.text(MARKING, MARGIN, doc.page.height - 32, { width, align: 'center' });
    doc.font('Helvetica').fontSize(8).fillColor(GREY);
    doc.text(`Page ${n + 1} of ${count}`, MARGIN, doc.page.height - 32, { width, align: 'right' });
    doc.page.margins.bottom = bottom;
  }
}

function heading(doc: Doc, packet: PolicePacket): void {
  doc.font('Helvetica-Bold').fontSize(18).fillColor('black').text('Police packet: Philomena Protocol');
  doc.moveDown(0.3);
  doc.font('Helvetica').fontSize(10).fillColor(GREY)
    .text(`Made ${formatUkDateTime(packet.madeAt)} (UK time) by ${packet.madeBy}, from Homeward. Police reference ${packet.incident.policeReference}.`);
  doc.moveDown(0.8);
}

function photo(doc: Doc, packet: PolicePacket): void {
  const p = packet.photo;
  if (!p?.bytes) {
    doc.font('Helvetica').fontSize(10).fillColor('black').text('No photo is held.');
    doc.moveDown(0.8);
    return;
  }
  const top = doc.y;
  doc.image(p.bytes, MARGIN, top, { fit: [160, 200] });
  doc.y = top + 205;
  doc.font('Helvetica').fontSize(9).fillColor(GREY).text(`Photo taken ${formatUkDate(p.takenOn)}`, MARGIN);
  doc.moveDown(0.8);
}

function section(doc: Doc, s: PacketSection): void {
  // A heading never sits alone at the foot of a page.
  if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
  doc.font('Helvetica-Bold').fontSize(13).fillColor('black').text(s.title, MARGIN);
  doc.moveDown(0.3);
  if (s.note) doc.font('Helvetica-Oblique').fontSize(9).fillColor(GREY).text(s.note).moveDown(0.2);
  for (const l of s.lines) {
    doc.font('Helvetica-Bold').fontSize(10).fillColor('black').text(`${l.label}: `, { continued: true });
    doc.font('Helvetica').text(l.value);
    doc.moveDown(0.15);
  }
  doc.moveDown(0.6);
}

/** The packet as PDF bytes. */
export async function packetPdf(packet: PolicePacket): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4', margins: { top: 50, bottom: 50, left: MARGIN, right: MARGIN }, bufferPages: true,
    // The file's own properties name no child either: it may be listed by a mail or file system.
    info: { Title: `Police packet ${packet.incident.policeReference}`, Subject: MARKING, Creator: 'Homeward' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  heading(doc, packet);
  photo(doc, packet);
  for (const s of packetSections(packet)) section(doc, s);
  drawMarkings(doc);
  doc.end();
  return done;
}
