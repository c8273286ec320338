/** The Part 1 photo: uploads checked by content, size and date; served only to those who may see the profile. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { errorSummary, titleOf } from '../fixtures/html.ts';
import { oversizedPng, textPretendingToBeJpeg, tinyGif, tinyJpeg, tinyPng } from '../fixtures/philomena-images.ts';
import { auditOf, fieldValue, mainText } from './children-support.ts';
import { FIXED_NOW, lookedAfterChild, photosOf, uploadPhoto } from './philomena-support.ts';

const png = { filename: 'photo.png', contentType: 'image/png', bytes: tinyPng() };
const jpeg = { filename: 'photo.jpg', contentType: 'image/jpeg', bytes: tinyJpeg() };

describeEachDatabase('Philomena profile photo', (use) => {
  let app: FastifyInstance;
  let officer: Agent;

  beforeAll(async () => {
    app = await buildTestApp(use(), () => FIXED_NOW);
    officer = await new Agent(app).signIn('missing_officer');
  });
  afterAll(() => app.close());

  it('accepts a PNG, then a JPEG that becomes the current photo, keeping the old one', async () => {
    const { childId } = await lookedAfterChild(use());
    const url = `/children/${childId}/philomena`;
    await officer.get(url);
    const res = await uploadPhoto(officer, childId, '01/10/2026', png);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(url);
    const page = await officer.get(url);
    expect(page.body).toContain(`<img class="app-philomena-photo" src="/children/${childId}/philomena/photo"`);
    expect(mainText(page.body)).toContain('Taken 01/10/2026, uploaded 21/11/2026 12:00.');
    const served = await officer.get(`${url}/photo`);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.rawPayload.equals(tinyPng())).toBe(true);

    expect((await uploadPhoto(officer, childId, '2026-11-20', jpeg)).statusCode).toBe(302);
    const again = await officer.get(url);
    expect(mainText(again.body)).toContain('Taken 20/11/2026, uploaded 21/11/2026 12:00. 1 older photo is kept.');
    expect(mainText(again.body)).toContain('New photo (date taken) 20/11/2026');
    const current = await officer.get(`${url}/photo`);
    expect(current.headers['content-type']).toBe('image/jpeg');
    expect(current.rawPayload.equals(tinyJpeg())).toBe(true);
    expect((await photosOf(use(), childId)).map((p) => [p.contentType, p.takenOn])).toEqual(expect.arrayContaining([['image/png', '2026-10-01'], ['image/jpeg', '2026-11-20']]));
    expect(await auditOf(use(), 'philomena.photo-added', String((await photosOf(use(), childId)).find((p) => p.contentType === 'image/jpeg')?.id))).toMatchObject([{ childId, details: expect.objectContaining({ contentType: 'image/jpeg' }) }]);
  });

  it('serves the photo with its stored type, never sniffed, never cached, and audits each look', async () => {
    const { childId } = await lookedAfterChild(use());
    await officer.get(`/children/${childId}/philomena`);
    await uploadPhoto(officer, childId, '01/11/2026', png);
    const [photo] = await photosOf(use(), childId);
    const res = await officer.get(`/children/${childId}/philomena/photo`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(await auditOf(use(), 'philomena.photo-viewed', String(photo?.id))).toHaveLength(1);
  });

  it('refuses a GIF, text named .jpg, a file over 5 MB, no file, and a missing, unreal or future date, storing nothing', async () => {
    const { childId } = await lookedAfterChild(use());
    await officer.get(`/children/${childId}/philomena`);
    const cases: [string, Parameters<typeof uploadPhoto>[3], string, string][] = [
      ['01/11/2026', { filename: 'photo.gif', contentType: 'image/gif', bytes: tinyGif() }, 'photo', 'The photo must be a JPEG or PNG'],
      ['01/11/2026', { filename: 'photo.jpg', contentType: 'image/jpeg', bytes: textPretendingToBeJpeg() }, 'photo', 'The photo must be a JPEG or PNG'],
      ['01/11/2026', { filename: 'big.png', contentType: 'image/png', bytes: oversizedPng() }, 'photo', 'The photo must be 5 MB or smaller'],
      ['01/11/2026', null, 'photo', 'Select a photo to upload'],
      ['', png, 'takenOn', 'Enter the date the photo was taken'],
      ['30/02/2026', png, 'takenOn', 'The date the photo was taken must be a real date'],
      ['22/11/2026', png, 'takenOn', 'The date the photo was taken must be today or in the past'],
    ];
    for (const [takenOn, file, field, message] of cases) {
      const res = await uploadPhoto(officer, childId, takenOn, file);
      expect(res.statusCode, message).toBe(400);
      expect(titleOf(res.body)).toMatch(/^Error: /);
      expect(errorSummary(res.body)).toContainEqual([`#${field}`, message]);
      expect(fieldValue(res.body, 'takenOn')).toBe(takenOn);
    }
    expect(await photosOf(use(), childId)).toEqual([]);
    expect((await officer.get(`/children/${childId}/philomena/photo`)).statusCode).toBe(404);
  });

  it('refuses an upload without the form’s CSRF token', async () => {
    const { childId } = await lookedAfterChild(use());
    await officer.get(`/children/${childId}/philomena`);
    officer.lastHtml = '';
    expect((await uploadPhoto(officer, childId, '01/11/2026', png)).statusCode).toBe(403);
    expect(await photosOf(use(), childId)).toEqual([]);
  });

  it('serves it to no return interview worker (403), no other authority (404) and no police force that did not report the child (404)', async () => {
    const reported = await lookedAfterChild(use(), { role: 'police' });
    const byHand = await lookedAfterChild(use());
    for (const { childId } of [reported, byHand]) {
      await officer.get(`/children/${childId}/philomena`);
      expect((await uploadPhoto(officer, childId, '01/11/2026', png)).statusCode).toBe(302);
    }
    const worker = await new Agent(app).signIn('rhi_worker');
    expect((await worker.get(`/children/${byHand.childId}/philomena/photo`)).statusCode).toBe(403);
    const elsewhere = await new Agent(app).signIn('missing_officer', '892');
    expect((await elsewhere.get(`/children/${byHand.childId}/philomena/photo`)).statusCode).toBe(404);
    const police = await new Agent(app).signIn('police');
    expect((await police.get(`/children/${byHand.childId}/philomena/photo`)).statusCode).toBe(404);
    const theirs = await police.get(`/children/${reported.childId}/philomena/photo`);
    expect(theirs.statusCode).toBe(200);
    expect(theirs.headers['content-type']).toBe('image/png');
    await police.get(`/children/${reported.childId}/philomena`);
    expect((await uploadPhoto(police, reported.childId, '01/11/2026', jpeg)).statusCode).toBe(403);
    expect(await photosOf(use(), reported.childId)).toHaveLength(1);
  });
});
