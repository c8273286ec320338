/** The Philomena Protocol's pure rules: the forms, the photo check, the missing history, the packet's file name. */
import { describe, expect, it } from 'vitest';
import { missingHistory, type MissingEpisode } from '../../src/modules/philomena/history.ts';
import { packetFileName } from '../../src/modules/philomena/packet-sections.ts';
import { checkPart2 } from '../../src/modules/philomena/part2-form.ts';
import { checkPhoto } from '../../src/modules/philomena/photo.ts';
import { checkProfile, PROFILE_FIELDS, profileChanges, type ProfileInput } from '../../src/modules/philomena/profile-form.ts';
import { textPretendingToBeJpeg, tinyGif, tinyJpeg, tinyPng } from '../fixtures/philomena-images.ts';

const NOW = new Date('2026-11-21T12:00:00Z');
const form = (answers: Partial<ProfileInput> = {}): ProfileInput => ({
  ...(Object.fromEntries(PROFILE_FIELDS.map((f) => [f, ''])) as Record<(typeof PROFILE_FIELDS)[number], string>), reviewedOn: '', reviewedBy: '', ...answers,
});

describe('Part 1 form', () => {
  it('keeps answers trimmed, blanks as not known, and the review date as a calendar date', () => {
    const checked = checkProfile(form({ hair: '  Red  ', reviewedOn: '1/11/2026', reviewedBy: 'Jo Finch' }), NOW);
    expect(checked).toMatchObject({ ok: true, value: { hair: 'Red', eyes: null, reviewedOn: '2026-11-01', reviewedBy: 'Jo Finch' } });
  });

  it('accepts a review today (UK date) and answers exactly at their limit', () => {
    expect(checkProfile(form({ height: 'x'.repeat(100), reviewedOn: '21/11/2026', reviewedBy: 'Jo' }), NOW).ok).toBe(true);
    const bst = new Date('2026-06-30T23:30:00Z'); // 00:30 on 1 July in the UK
    expect(checkProfile(form({ reviewedOn: '01/07/2026', reviewedBy: 'Jo' }), bst).ok).toBe(true);
  });

  it('lists only the fields that changed', () => {
    const before = checkProfile(form({ hair: 'Red', eyes: 'Blue' }), NOW);
    const after = checkProfile(form({ hair: 'Red', eyes: 'Green' }), NOW);
    if (!before.ok || !after.ok) throw new Error('forms should pass');
    expect(profileChanges(before.value, after.value)).toEqual([{ field: 'eyes', oldValue: 'Blue', newValue: 'Green' }]);
    expect(profileChanges(null, before.value).map((c) => c.field)).toEqual(['hair', 'eyes']);
  });
});

describe('Part 2 form', () => {
  const input = { clothing: 'Red coat', lastSeenPlace: 'Bus station', lastSeenAt: '20/11/2026 08:00', otherInformation: '' };

  it('takes a UK date and time', () => {
    expect(checkPart2(input, { foundAt: null }, NOW)).toMatchObject({ ok: true, value: { lastSeenAt: new Date('2026-11-20T08:00:00Z'), otherInformation: null } });
  });

  it('refuses a last-seen time after the child was found', () => {
    const checked = checkPart2(input, { foundAt: new Date('2026-11-20T07:00:00Z') }, NOW);
    expect(checked).toEqual({ ok: false, problems: [{ field: 'lastSeenAt', message: 'When the child was last seen must be before they were found (20/11/2026 07:00)' }] });
  });

  it('refuses an over-long answer', () => {
    expect(checkPart2({ ...input, clothing: 'c'.repeat(2001) }, { foundAt: null }, NOW)).toMatchObject({ ok: false, problems: [{ field: 'clothing', message: 'What the child was wearing must be 2000 characters or fewer' }] });
  });
});

describe('photo check', () => {
  const upload = (bytes: Buffer | null, takenOn = '01/11/2026', tooLarge = false) => checkPhoto({ bytes, tooLarge, takenOn }, NOW);

  it('accepts PNG and JPEG by their bytes', async () => {
    expect(await upload(tinyPng())).toMatchObject({ ok: true, value: { contentType: 'image/png', takenOn: '2026-11-01' } });
    expect(await upload(tinyJpeg())).toMatchObject({ ok: true, value: { contentType: 'image/jpeg' } });
  });

  it('refuses other kinds, empty and over-large files, with the date checked too', async () => {
    const message = async (bytes: Buffer | null, takenOn?: string, tooLarge?: boolean) => {
      const checked = await upload(bytes, takenOn, tooLarge);
      return checked.ok ? [] : checked.problems.map((p) => p.message);
    };
    expect(await message(tinyGif())).toEqual(['The photo must be a JPEG or PNG']);
    expect(await message(textPretendingToBeJpeg())).toEqual(['The photo must be a JPEG or PNG']);
    expect(await message(Buffer.alloc(0))).toEqual(['The selected file is empty']);
    expect(await message(tinyPng(), '01/11/2026', true)).toEqual(['The photo must be 5 MB or smaller']);
    expect(await message(null, '')).toEqual(['Select a photo to upload', 'Enter the date the photo was taken']);
    expect(await message(tinyPng(), '2026-11-22')).toEqual(['The date the photo was taken must be today or in the past']);
    expect(await message(tinyPng(), 'November')).toEqual(['Enter the date the photo was taken like 27/03/2026']);
  });
});

describe('missing history', () => {
  const episode = (ref: string, lastSeen: string): MissingEpisode => ({ incidentId: ref, policeReference: ref, lastSeenAt: new Date(lastSeen), foundAt: null, foundLocation: null });

  it('counts every past incident and lists the last 12 months, newest first, the edge included', () => {
    const history = missingHistory([
      episode('A', '2025-11-21T11:59:59Z'), episode('B', '2025-11-21T12:00:00Z'), episode('C', '2026-05-01T10:00:00Z'),
      episode('D', '2026-11-22T10:00:00Z'),
    ], NOW);
    expect(history.count).toBe(3);
    expect(history.lastTwelveMonths.map((e) => e.policeReference)).toEqual(['C', 'B']);
  });
});

describe('police packet file name', () => {
  it('is made from the police reference alone, safe in a header', () => {
    expect(packetFileName('NP/2026/00123')).toBe('police-packet-NP-2026-00123.pdf');
    expect(packetFileName('"; rm -rf')).toBe('police-packet-rm-rf.pdf');
    expect(packetFileName('///')).toBe('police-packet-incident.pdf');
  });
});
