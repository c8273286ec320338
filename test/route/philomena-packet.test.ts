/** Part 2 for an incident, and the police packet made from it: the printable page and the PDF. */
import { inflateSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidents, philomenaChanges, philomenaIncidentDetails } from '../../src/db/schema.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { errorSummary, titleOf } from '../fixtures/html.ts';
import { tinyJpeg } from '../fixtures/philomena-images.ts';
import { auditOf, fieldValue, mainText, notify } from './children-support.ts';
import { FIXED_NOW, lookedAfterChild, profileForm, uploadPhoto } from './philomena-support.ts';

const PART2 = { clothing: 'Grey hoodie, black jeans, white trainers', lastSeenPlace: 'Outside Oak House, Mill Road', lastSeenAt: '20/11/2026 07:45', otherInformation: 'May be heading to the bus station' };

/** The text a PDF viewer would show, from pdfkit's compressed content streams (hex strings in TJ arrays). */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const texts: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(m[1] ?? '', 'latin1')).toString('latin1');
    } catch {
      continue;
    }
    for (const tj of content.matchAll(/\[(.*?)\] TJ/g)) {
      texts.push([...(tj[1] ?? '').matchAll(/<([0-9a-f]*)>/gi)].map((h) => Buffer.from(h[1] ?? '', 'hex').toString('latin1')).join(''));
    }
  }
  return texts.join('\n');
}

describeEachDatabase('Part 2 and the police packet', (use) => {
  let app: FastifyInstance;
  let officer: Agent;

  beforeAll(async () => {
    app = await buildTestApp(use(), () => FIXED_NOW);
    officer = await new Agent(app).signIn('missing_officer');
  });
  afterAll(() => app.close());

  async function childWithProfile(options: { role?: 'police' } = {}) {
    const recorded = await lookedAfterChild(use(), options);
    await officer.get(`/children/${recorded.childId}/philomena`);
    await officer.post(`/children/${recorded.childId}/philomena`, profileForm('0', { hair: 'Dark brown, in braids', medication: 'Inhaler, twice a day', reviewedOn: '15/11/2026', reviewedBy: 'Jo Finch' }));
    await officer.get(`/children/${recorded.childId}/philomena`);
    await uploadPhoto(officer, recorded.childId, '01/11/2026', { filename: 'p.jpg', contentType: 'image/jpeg', bytes: tinyJpeg() });
    return recorded;
  }

  it('saves Part 2, starting from the incident’s last-seen time, without rewriting the police’s incident', async () => {
    const { incidentId } = await lookedAfterChild(use());
    const url = `/incidents/${incidentId}/philomena`;
    const form = await officer.get(url);
    expect(form.statusCode).toBe(200);
    expect(fieldValue(form.body, 'lastSeenAt')).toBe('20/11/2026 08:00');
    const res = await officer.post(url, { version: '0', ...PART2 });
    expect(res.statusCode).toBe(302);
    const page = await officer.get(url);
    expect(mainText(page.body)).toContain('Part 2 is saved.');
    expect(fieldValue(page.body, 'clothing')).toBe(PART2.clothing);
    expect(fieldValue(page.body, 'lastSeenAt')).toBe('20/11/2026 07:45');
    expect(mainText(page.body)).toContain('When the child was last seen 20/11/2026 07:45');
    const [incident] = await use().read((q) => q.select().from(incidents).where(eq(incidents.id, incidentId)));
    expect(incident?.lastSeenAt).toEqual(new Date('2026-11-20T08:00:00Z'));
    const [details] = await use().read((q) => q.select().from(philomenaIncidentDetails).where(eq(philomenaIncidentDetails.incidentId, incidentId)));
    expect(details).toMatchObject({ version: 1, lastSeenAt: new Date('2026-11-20T07:45:00Z'), clothing: PART2.clothing });
    const changes = await use().read((q) => q.select().from(philomenaChanges).where(eq(philomenaChanges.incidentId, incidentId)));
    expect(changes.map((c) => c.field).sort()).toEqual(['clothing', 'lastSeenAt', 'lastSeenPlace', 'otherInformation']);
    expect(await auditOf(use(), 'philomena.part2-saved', incidentId)).toHaveLength(1);
    expect((await officer.post(url, { version: '0', ...PART2, clothing: 'Blue coat' })).statusCode).toBe(409);
  });

  it('re-shows Part 2 with its problems', async () => {
    const { incidentId } = await lookedAfterChild(use());
    const url = `/incidents/${incidentId}/philomena`;
    await officer.get(url);
    for (const [lastSeenAt, message] of [
      ['', 'Enter when the child was last seen'],
      ['21/11/2026 13:00', 'When the child was last seen must not be in the future'],
      ['yesterday', 'Enter when the child was last seen as a date and time, like 31/03/2024 23:15'],
    ] as const) {
      const res = await officer.post(url, { version: '0', ...PART2, lastSeenAt });
      expect(res.statusCode).toBe(400);
      expect(errorSummary(res.body)).toContainEqual(['#lastSeenAt', message]);
      expect(fieldValue(res.body, 'clothing')).toBe(PART2.clothing);
    }
  });

  it('makes the packet page with the facts, from a button on the incident page, audited', async () => {
    const { incidentId, childId, reference } = await childWithProfile();
    await officer.get(`/incidents/${incidentId}/philomena`);
    await officer.post(`/incidents/${incidentId}/philomena`, { version: '0', ...PART2 });
    const incidentPage = await officer.get(`/incidents/${incidentId}`);
    expect(incidentPage.body).toContain(`href="/incidents/${incidentId}/police-packet"`);
    expect(mainText(incidentPage.body)).toContain('Create the police packet');
    const res = await officer.get(`/incidents/${incidentId}/police-packet`);
    expect(res.statusCode).toBe(200);
    const text = mainText(res.body);
    expect(text).toMatch(/^\s*OFFICIAL-SENSITIVE Police packet: Philomena Protocol/);
    expect(text).toContain(`Made 21/11/2026 12:00 (UK time)`);
    expect(text).toContain(`Police reference ${reference}`);
    expect(text).toContain('Risk grade Medium');
    expect(text).toContain('Reported to the police 20/11/2026 10:00');
    expect(text).toContain('Last seen (police report) 20/11/2026 08:00');
    expect(text).toContain(`What the child was wearing ${PART2.clothing}`);
    expect(text).toContain('When the child was last seen 20/11/2026 07:45');
    expect(text).toContain('Hair Dark brown, in braids');
    expect(text).toContain('Medication Inhaler, twice a day');
    expect(text).toContain('Missing incidents recorded 1');
    expect(text).toContain('Last reviewed 15/11/2026 by Jo Finch');
    expect(res.body).toContain(`src="/children/${childId}/philomena/photo"`);
    expect(res.body).toContain(`href="/incidents/${incidentId}/police-packet.pdf"`);
    expect(await auditOf(use(), 'police-packet.viewed', incidentId)).toHaveLength(1);
  });

  it('makes the same packet as an A4 PDF with the photo, marked OFFICIAL-SENSITIVE, named by the police reference', async () => {
    const { incidentId, reference } = await childWithProfile();
    const res = await officer.get(`/incidents/${incidentId}/police-packet.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const fileName = `police-packet-${reference.replace(/\//g, '-')}.pdf`;
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${fileName}"`);
    const raw = res.rawPayload.toString('latin1');
    expect(raw).toContain('/Subtype /Image');
    expect(raw).toMatch(/\/MediaBox \[0 0 595\.2\d* 841\.8\d*\]/);
    const text = pdfText(res.rawPayload);
    expect(text).toContain('OFFICIAL-SENSITIVE');
    expect(text).toContain('Made 21/11/2026 12:00 (UK time)');
    expect(text).toContain(reference);
    expect(text).toContain('Dark brown, in braids');
    expect(await auditOf(use(), 'police-packet.pdf', incidentId)).toHaveLength(1);
  });

  it('explains that there is no packet for a child who is not looked after, and refuses the PDF', async () => {
    const { incidentId } = await notify(use());
    const page = await officer.get(`/incidents/${incidentId}/police-packet`);
    expect(page.statusCode).toBe(200);
    expect(titleOf(page.body)).toBe('The Philomena Protocol is for children looked after – Homeward');
    expect((await officer.get(`/incidents/${incidentId}/philomena`)).body).toContain('The Philomena Protocol is for children looked after');
    expect((await officer.get(`/incidents/${incidentId}/police-packet.pdf`)).statusCode).toBe(422);
    expect((await officer.post(`/incidents/${incidentId}/philomena`, { version: '0', ...PART2 })).statusCode).toBe(422);
  });

  describe('who may have the packet', () => {
    it('only for an incident the user may see: 403 for other roles, 404 elsewhere and for an unknown incident', async () => {
      const reported = await childWithProfile({ role: 'police' });
      const byHand = await childWithProfile();
      const worker = await new Agent(app).signIn('rhi_worker');
      expect((await worker.get(`/incidents/${byHand.incidentId}/police-packet`)).statusCode).toBe(403);
      expect((await worker.get(`/incidents/${byHand.incidentId}/police-packet.pdf`)).statusCode).toBe(403);
      const elsewhere = await new Agent(app).signIn('missing_officer', '892');
      expect((await elsewhere.get(`/incidents/${byHand.incidentId}/police-packet`)).statusCode).toBe(404);
      const police = await new Agent(app).signIn('police');
      expect((await police.get(`/incidents/${byHand.incidentId}/police-packet.pdf`)).statusCode).toBe(404);
      expect((await police.get(`/incidents/${byHand.incidentId}/philomena`)).statusCode).toBe(404);
      const theirs = await police.get(`/incidents/${reported.incidentId}/police-packet.pdf`);
      expect(theirs.statusCode).toBe(200);
      expect((await police.get(`/incidents/${reported.incidentId}/philomena`)).body).not.toContain('Save Part 2');
      expect((await officer.get('/incidents/00000000-0000-4000-8000-000000000000/police-packet')).statusCode).toBe(404);
      expect((await officer.get('/incidents/not-an-incident/police-packet.pdf')).statusCode).toBe(404);
    });
  });
});
