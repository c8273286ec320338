/** The police packet's PDF, made without a database: A4, marked on every page, the photo embedded, no child's name in its properties. */
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { packetPdf } from '../../src/modules/philomena/packet-pdf.ts';
import type { PolicePacket } from '../../src/modules/philomena/packet.service.ts';
import { tinyPng } from '../fixtures/philomena-images.ts';

const NOW = new Date('2026-11-21T12:00:00Z');

function packet(overrides: Partial<PolicePacket> = {}): PolicePacket {
  return {
    madeAt: NOW, madeBy: 'Sam Officer',
    child: { id: 'c1', forename: 'Ava', surname: 'Fernhollowq', dateOfBirth: '2012-04-03', age: 14, sex: 'female', laChildId: null, policePersonId: null, careNow: { label: 'Looked after by this authority', startsOn: '2026-11-01', placement: 'Oak House', responsibleAuthority: null }, lookedAfter: true },
    answers: null, photo: { takenOn: '2026-11-01', contentType: 'image/png', bytes: tinyPng() },
    part2: { clothing: 'Red coat', lastSeenPlace: null, otherInformation: null, lastSeenAt: new Date('2026-11-20T08:00:00Z') }, part2Saved: true,
    incident: { id: 'i1', policeReference: 'NP/26/1', riskGrade: 'high', reportedAt: NOW, lastSeenAt: NOW, foundAt: null, reportedBy: 'Demo Shire Police' },
    history: { count: 0, since: NOW, lastTwelveMonths: [] },
    ...overrides,
  };
}

/** The page count and every page's text, from pdfkit's compressed content streams. */
function pages(pdf: Buffer): string[] {
  const out: string[] = [];
  for (const m of pdf.toString('latin1').matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(m[1] ?? '', 'latin1')).toString('latin1');
    } catch {
      continue;
    }
    if (!content.includes('TJ')) continue;
    out.push([...content.matchAll(/\[(.*?)\] TJ/g)].map((tj) => [...(tj[1] ?? '').matchAll(/<([0-9a-f]*)>/gi)].map((h) => Buffer.from(h[1] ?? '', 'hex').toString('latin1')).join('')).join('\n'));
  }
  return out;
}

describe('police packet PDF', () => {
  it('is an A4 PDF with the photo and the incident', async () => {
    const pdf = await packetPdf(packet());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/Subtype /Image');
    expect(raw).toMatch(/\/MediaBox \[0 0 595\.2\d* 841\.8\d*\]/);
    expect(raw).not.toContain('Fernhollowq');
    const [first] = pages(pdf);
    expect(first).toContain('NP/26/1');
    expect(first).toContain('Made 21/11/2026 12:00 (UK time) by Sam Officer');
    expect(first).toContain('Red coat');
  });

  it('marks every page OFFICIAL-SENSITIVE at the top and bottom, and numbers the pages', async () => {
    const long = 'A long answer that goes on. '.repeat(120);
    const pdf = await packetPdf(packet({ part2: { clothing: long, lastSeenPlace: long, otherInformation: long, lastSeenAt: NOW } }));
    const all = pages(pdf);
    expect(all.length).toBeGreaterThan(1);
    all.forEach((text, n) => {
      expect(text.match(/OFFICIAL-SENSITIVE/g)).toHaveLength(2);
      expect(text).toContain(`Page ${n + 1} of ${all.length}`);
    });
  });

  it('says when no photo is held', async () => {
    const [first] = pages(await packetPdf(packet({ photo: null })));
    expect(first).toContain('No photo is held.');
  });
});
