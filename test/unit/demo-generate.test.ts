import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import type { NotificationInput } from '../../src/modules/missing/notification.ts';
import {
  COUNTY_DISTRICTS,
  generateDemoPartnership,
  type DemoAuthority,
  type DemoCarePeriod,
  type DemoChild,
} from '../../src/modules/demo/generate.ts';
import { londonDate, londonInstant } from '../../src/modules/demo/london-time.ts';
import { ageAt, financialYear, peakAgeRange, ratioOf } from '../../src/modules/reports/measures.ts';

const NOW = new Date('2026-11-21T10:00:00Z');
const HOUR = 3_600_000;
const YEARS = ['2019/20', '2020/21', '2021/22', '2022/23', '2023/24'] as const;

// Seed 004, Appendix 1, Table 1 as printed (typed in again here on purpose, not imported from the generator).
const PUBLISHED: Record<(typeof YEARS)[number], (number | string)[]> = {
  '2019/20': [2462, 911, '56:44', '14-17', 1078, 646, 774, 166, 610, 124],
  '2020/21': [2043, 747, '55:44', '15-17', 802, 496, 857, 180, 385, 110],
  '2021/22': [2539, 956, '53:47', '14-17', 1138, 655, 1017, 187, 360, 137],
  '2022/23': [3007, 982, '58:42', '14-17', 1276, 863, 1194, 340, 519, 205],
  '2023/24': [2851, 964, '49:50', '14 - 17', 1369, 684, 939, 206, 517, 136],
};

type Status = DemoCarePeriod['status'];

function periodAt(child: DemoChild, at: Date): DemoCarePeriod | undefined {
  return child.carePeriods.find((p) => p.startsAt <= at && (p.endsAt === null || at < p.endsAt));
}

/** Table 1 for one FY, from the generated records alone. */
function table1(authority: DemoAuthority, year: string): (number | string)[] {
  const { start, end } = financialYear(year);
  const children = new Map(authority.children.map((c) => [c.laChildId, c]));
  const incidents = authority.notifications.filter((n) => n.lastSeenAt >= start && n.lastSeenAt < end);
  const groups = new Map<Status | 'total', { incidents: number; children: Set<string> }>();
  const ages: number[] = [];
  for (const n of incidents) {
    const child = children.get(n.laChildId!)!;
    for (const key of [periodAt(child, n.lastSeenAt)!.status, 'total'] as const) {
      const group = groups.get(key) ?? { incidents: 0, children: new Set<string>() };
      group.incidents += 1;
      group.children.add(child.laChildId);
      groups.set(key, group);
    }
    ages.push(ageAt(n.dateOfBirth, n.lastSeenAt));
  }
  const individuals = [...groups.get('total')!.children].map((id) => children.get(id)!);
  const ratio = ratioOf({
    male: individuals.filter((c) => c.sex === 'male').length,
    female: individuals.filter((c) => c.sex === 'female').length,
    total: individuals.length,
  });
  const peak = peakAgeRange(ages)!;
  const cells = (key: Status | 'total'): number[] => [groups.get(key)?.incidents ?? 0, groups.get(key)?.children.size ?? 0];
  return [...cells('total'), ratio, `${peak.from}-${peak.to}`, ...cells('home'), ...cells('own_care'), ...cells('ola_care')];
}

function byChild(notifications: NotificationInput[]): Map<string, NotificationInput[]> {
  const map = new Map<string, NotificationInput[]>();
  for (const n of notifications) {
    if (n.laChildId === null) continue;
    map.set(n.laChildId, [...(map.get(n.laChildId) ?? []), n]);
  }
  for (const list of map.values()) list.sort((a, b) => a.lastSeenAt.getTime() - b.lastSeenAt.getTime());
  return map;
}

let partnership: DemoAuthority[];
let county: DemoAuthority;
let city: DemoAuthority;

beforeAll(() => {
  partnership = generateDemoPartnership({ seed: 891, now: NOW });
  [county, city] = partnership as [DemoAuthority, DemoAuthority];
});

describe('county Table 1 (seed 004, Appendix 1)', () => {
  it.each(YEARS)('%s reproduces every cell within 2%%', (year) => {
    const generated = table1(county, year);
    PUBLISHED[year].forEach((published, i) => {
      const value = generated[i];
      if (typeof published === 'string') {
        expect(value, `${year} cell ${i}`).toBe(published.replace(/\s/g, ''));
      } else {
        expect(Math.abs(Number(value) - published), `${year} cell ${i}: ${value} vs ${published}`).toBeLessThanOrEqual(0.02 * published);
      }
    });
  });

  it('has about a fifth of the volume in the city', () => {
    for (const year of YEARS) {
      const share = Number(table1(city, year)[0]) / Number(table1(county, year)[0]);
      expect(share).toBeGreaterThan(0.15);
      expect(share).toBeLessThan(0.25);
    }
  });
});

describe('generation', () => {
  it('is deterministic', () => {
    expect(generateDemoPartnership({ seed: 891, now: NOW })).toEqual(partnership);
    expect(generateDemoPartnership({ seed: 892, now: NOW })[0]!.children[0]).not.toEqual(county.children[0]);
  });

  it('uses the authorities and districts', () => {
    expect(partnership.map((a) => a.code)).toEqual(['891', '892']);
    expect(new Set(county.children.map((c) => c.district))).toEqual(new Set(COUNTY_DISTRICTS));
    for (const a of partnership) {
      expect(new Set(a.children.map((c) => c.laChildId)).size).toBe(a.children.length);
      expect(new Set(a.notifications.map((n) => n.policeReference)).size).toBe(a.notifications.length);
    }
  });

  it('agrees with the fast London clock used inside the generator', () => {
    for (let ms = Date.UTC(2019, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 7 * HOUR + 13 * 60_000) {
      expect(londonDate(ms)).toBe(DateTime.fromMillis(ms, { zone: 'Europe/London' }).toISODate());
    }
    expect(new Date(londonInstant('2023-04-01', 0))).toEqual(financialYear('2023/24').start);
  });
});

describe('children and incidents', () => {
  it('never has overlapping incidents for one child, and every FY incident is found', () => {
    for (const a of partnership) {
      for (const list of byChild(a.notifications).values()) {
        const overlapping = list.filter((n, i) => i > 0 && !(n.lastSeenAt > (list[i - 1]!.foundAt ?? NOW)));
        expect(overlapping).toEqual([]);
      }
      const fy2019 = financialYear('2019/20').start;
      const fy2024 = financialYear('2023/24').end;
      const inYears = a.notifications.filter((n) => n.lastSeenAt >= fy2019 && n.lastSeenAt < fy2024);
      expect(inYears.filter((n) => n.foundAt === null || n.laChildId === null)).toEqual([]);
    }
  });

  it('only has children aged 8 to 17 at every incident', () => {
    for (const a of partnership) {
      const ages = a.notifications.map((n) => ageAt(n.dateOfBirth, n.lastSeenAt));
      expect(Math.max(...ages)).toBe(17);
      expect(Math.min(...ages)).toBeGreaterThanOrEqual(8);
    }
  });

  it('keeps times in order and notifications in feed order', () => {
    for (const a of partnership) {
      const wrong = a.notifications.filter((n) =>
        n.reportedAt < n.lastSeenAt || n.notifiedAt < n.reportedAt || n.notifiedAt > NOW ||
        (n.foundAt !== null && n.foundAt <= n.lastSeenAt));
      expect(wrong).toEqual([]);
      const feed = a.code === '891' ? a.notifications.slice(0, -2) : a.notifications;
      expect(feed.filter((n, i) => i > 0 && n.notifiedAt < feed[i - 1]!.notifiedAt)).toEqual([]);
    }
  });

  it('has incidents starting either side of each FY boundary', () => {
    for (const year of YEARS) {
      const { start } = financialYear(year);
      const near = (from: number, to: number): number =>
        county.notifications.filter((n) => n.lastSeenAt.getTime() >= start.getTime() + from && n.lastSeenAt.getTime() < start.getTime() + to).length;
      expect(near(0, HOUR)).toBeGreaterThan(0);
      if (year !== '2019/20') expect(near(-HOUR, 0)).toBeGreaterThan(0);
    }
  });

  it('has incidents around each clock change', () => {
    const changes = ['2019-10-27', '2020-03-29', '2022-10-30', '2023-03-26', '2023-10-29', '2024-03-31'];
    for (const day of changes) {
      const change = Date.parse(`${day}T01:00:00Z`);
      const near = county.notifications.filter((n) => Math.abs(n.lastSeenAt.getTime() - change) <= 2 * HOUR);
      expect(near.length, day).toBeGreaterThanOrEqual(2);
    }
  });

  it('uses neutral language in circumstances', () => {
    const texts = county.notifications.map((n) => n.circumstances ?? '').join('\n').toLowerCase();
    for (const phrase of ['putting themselves', 'at risk', 'chose', 'refused', 'absconded', 'lifestyle']) {
      expect(texts).not.toContain(phrase);
    }
  });
});

describe('care periods', () => {
  it('are contiguous and ordered, and cover the first incident', () => {
    for (const a of partnership) {
      const incidents = byChild(a.notifications);
      for (const child of a.children) {
        const periods = child.carePeriods;
        periods.forEach((p, i) => {
          const next = periods[i + 1];
          if (next) expect(p.endsAt).toEqual(next.startsAt);
          else if (p.endsAt) expect(p.endsAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
          if (p.endsAt) expect(p.endsAt.getTime()).toBeGreaterThan(p.startsAt.getTime());
        });
        const first = incidents.get(child.laChildId)![0]!;
        expect(periods[0]!.startsAt.getTime()).toBeLessThanOrEqual(first.lastSeenAt.getTime());
      }
    }
  });

  it('agree with each notification\'s missing-from', () => {
    const expected: Record<Status, string> = { home: 'home', own_care: 'care', ola_care: 'ola care' };
    for (const a of partnership) {
      const children = new Map(a.children.map((c) => [c.laChildId, c]));
      for (const n of a.notifications.filter((x) => x.laChildId !== null)) {
        const period = periodAt(children.get(n.laChildId!)!, n.lastSeenAt)!;
        expect(n.missingFrom).toBe(expected[period.status]);
        expect(n.responsibleAuthority).toBe(period.status === 'ola_care' ? period.responsibleAuthority : null);
        if (period.status === 'ola_care') expect(period.responsibleAuthority).toBeTruthy();
      }
    }
  });
});

describe('recent activity', () => {
  const open = (a: DemoAuthority): NotificationInput[] => a.notifications.filter((n) => n.foundAt === null);

  it('has about a dozen open incidents in the county and four in the city', () => {
    const countyOpen = open(county);
    expect(countyOpen.length).toBeGreaterThanOrEqual(10);
    expect(countyOpen.length).toBeLessThanOrEqual(14);
    expect(countyOpen.filter((n) => n.riskGrade === 'high').length).toBeGreaterThanOrEqual(2);
    expect(countyOpen.some((n) => n.missingFrom === 'ola care')).toBe(true);
    expect(countyOpen.some((n) => n.missingFrom === 'care')).toBe(true);
    expect(open(city).length).toBeGreaterThanOrEqual(3);
    expect(open(city).length).toBeLessThanOrEqual(5);
    for (const n of [...countyOpen, ...open(city)]) {
      expect(NOW.getTime() - n.lastSeenAt.getTime()).toBeGreaterThanOrEqual(HOUR);
      expect(NOW.getTime() - n.lastSeenAt.getTime()).toBeLessThanOrEqual(72 * HOUR);
    }
    for (const a of partnership) {
      const ids = open(a).map((n) => n.laChildId);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('has a few dozen incidents found in the last 7 days', () => {
    const since = NOW.getTime() - 7 * 24 * HOUR;
    const found = partnership.flatMap((a) => a.notifications).filter((n) => n.foundAt && n.foundAt.getTime() >= since);
    expect(found.length).toBeGreaterThanOrEqual(24);
    expect(found.length).toBeLessThanOrEqual(80);
  });

  it('ends the county list with two near matches of recent children', () => {
    const [typo, swapped] = county.notifications.slice(-2) as [NotificationInput, NotificationInput];
    for (const n of [typo, swapped]) {
      expect(n.laChildId).toBeNull();
      expect(n.policePersonId).toBeNull();
      const exact = county.children.filter((c) => c.forename === n.forename && c.surname === n.surname && c.dateOfBirth === n.dateOfBirth);
      expect(exact).toHaveLength(0);
    }
    const oneLetterApart = (a: string, b: string): boolean =>
      a.length === b.length && [...a].filter((ch, i) => ch !== b[i]).length === 1;
    expect(county.children.some((c) =>
      c.forename === typo.forename && c.dateOfBirth === typo.dateOfBirth && oneLetterApart(c.surname, typo.surname))).toBe(true);
    const [y, m, d] = swapped.dateOfBirth.split('-');
    expect(county.children.some((c) =>
      c.forename === swapped.forename && c.surname === swapped.surname && c.dateOfBirth === `${y}-${d}-${m}` && d !== m)).toBe(true);
  });
});
