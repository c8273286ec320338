/**
 * A deterministic generator of valid police missing notifications (shared/spec/police-notifications.md),
 * written as a CSV file on disk, streamed. The mix is like a county's: about a third of children go missing
 * more than once (linked by la_child_id or police_person_id, or by name and date of birth when the police
 * hold neither), the rest once; a few per cent of incidents are sent twice, open first and then again with
 * found_at; incidents still running at the end stay open. Names are synthetic.
 *
 *   node bin/run-ts.mjs bench/generate-notifications.ts <out.csv> [rows] [years]
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Random } from '../src/modules/demo/random.ts';
import type { NotificationInput } from '../src/modules/missing/notification.ts';
import { NOTIFICATION_COLUMNS, toNotificationRecord } from '../src/modules/missing/notification-parse.ts';
import { circumstances, foundLocation, riskGrade, syntheticChild, syntheticPostcode, type SyntheticChild } from './support/synthetic-child.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface GeneratorOptions {
  /** Data rows in the file, updates included. */
  rows: number;
  /** The last notification time: "now" for the data. */
  end: Date;
  years: number;
  seed?: number;
  /** The chance an incident is a new child's (default 0.3: with the repeat limits, about 10,000 children for 30,000 incidents). */
  childrenPerIncident?: number;
  /** The share of children who go missing more than once (default 1/3). */
  repeatShare?: number;
  /** The share of incidents sent open and then again with found_at (default 0.03). */
  updateShare?: number;
}

export interface GeneratedStats {
  rows: number;
  incidents: number;
  children: number;
  updates: number;
  openAtEnd: number;
}

const minutes = (ms: number) => Math.round(ms / MINUTE) * MINUTE;

// How long a child is missing: most for hours, some for days, a few for weeks.
function duration(rng: Random): number {
  const band = rng.weighted<readonly [number, number]>([[[1, 24], 62], [[24, 72], 29], [[72, 240], 7.5], [[240, 720], 1.5]]);
  return minutes(rng.range(band[0], band[1]) * HOUR);
}

// Police notify the authority mostly within hours; some late (the 24 and 72 hour measures).
function notifyLag(rng: Random): number {
  const band = rng.weighted<readonly [number, number]>([[[0.2, 6], 80], [[6, 24], 15], [[24, 72], 4], [[72, 120], 1]]);
  return minutes(rng.range(band[0], band[1]) * HOUR);
}

interface Pending {
  atMs: number;
  input: NotificationInput;
}

/** Yields the notifications in file order: by the time the authority received them. */
export function* generateNotifications(o: GeneratorOptions, stats: GeneratedStats): Generator<NotificationInput> {
  const rng = new Random(o.seed ?? 20_240_401);
  const endMs = minutes(o.end.getTime());
  const updateShare = o.updateShare ?? 0.03;
  const span = o.years * 365.25 * DAY;
  const startMs = endMs - span;
  // Repeat children cluster in time: a child picks up incidents for a while, then stops.
  const active: SyntheticChild[] = [];
  const pending: Pending[] = [];
  let open = 0;
  for (let i = 0; stats.rows < o.rows; i += 1) {
    // Time moves on with the rows written, so the file ends at `end` whatever the share of updates.
    const t = Math.min(endMs, minutes(startMs + ((stats.rows + rng.next()) / o.rows) * span));
    pending.sort((a, b) => a.atMs - b.atMs);
    while (pending[0] && pending[0].atMs <= t && stats.rows < o.rows) {
      const next = pending.shift();
      if (!next) break;
      stats.rows += 1;
      stats.updates += 1;
      open -= 1;
      yield next.input;
    }
    if (stats.rows >= o.rows) break;
    const notifiedAt = t;
    const reportedAt = notifiedAt - notifyLag(rng);
    const lastSeenAt = reportedAt - minutes(rng.range(0.5, 8) * HOUR);
    const child = chooseChild(rng, o, active, lastSeenAt, stats);
    const missingFor = duration(rng);
    let foundAt: number | null = lastSeenAt + missingFor;
    let update: number | null = null;
    if (rng.chance(updateShare)) {
      update = Math.max(foundAt, notifiedAt + minutes(rng.range(0.5, 6) * HOUR));
      foundAt = null;
    }
    if ((foundAt ?? update ?? 0) > endMs) {
      foundAt = null;
      update = null;
    }
    child.busyUntilMs = foundAt ?? update ?? Number.MAX_SAFE_INTEGER;
    const input = notification(rng, child, { ref: `DSP/${new Date(lastSeenAt).getUTCFullYear()}/${String(i + 1).padStart(7, '0')}`, reportedAt, notifiedAt, lastSeenAt, foundAt });
    stats.rows += 1;
    stats.incidents += 1;
    if (foundAt === null) open += 1;
    if (update !== null) pending.push({ atMs: update, input: { ...input, foundAt: new Date(update), foundLocation: foundLocation(rng) } });
    yield input;
  }
  stats.openAtEnd = open;
}

function chooseChild(rng: Random, o: GeneratorOptions, active: SyntheticChild[], lastSeenAt: number, stats: GeneratedStats): SyntheticChild {
  const repeatShare = o.repeatShare ?? 1 / 3;
  if (!rng.chance(o.childrenPerIncident ?? 0.3) && active.length > 0) {
    const k = rng.int(0, active.length - 1);
    const candidate = active[k];
    if (candidate && candidate.adultAtMs <= lastSeenAt) active.splice(k, 1);
    else if (candidate && candidate.busyUntilMs < lastSeenAt) return candidate;
  }
  stats.children += 1;
  const child = syntheticChild(rng, stats.children, lastSeenAt);
  if (rng.chance(repeatShare)) {
    active.push(child);
    // About 300 children are "active repeat" at any time; the oldest drop out.
    if (active.length > 300) active.splice(rng.int(0, 99), 1);
  }
  return child;
}

function notification(
  rng: Random,
  child: SyntheticChild,
  t: { ref: string; reportedAt: number; notifiedAt: number; lastSeenAt: number; foundAt: number | null },
): NotificationInput {
  const found = t.foundAt !== null;
  return {
    policeReference: t.ref, reportedAt: new Date(t.reportedAt), notifiedAt: new Date(t.notifiedAt),
    lastSeenAt: new Date(t.lastSeenAt), foundAt: found ? new Date(t.foundAt ?? 0) : null, riskGrade: riskGrade(rng),
    forename: child.forename, surname: child.surname, dateOfBirth: child.dateOfBirth, sex: child.sex,
    laChildId: child.laChildId, policePersonId: child.policePersonId, missingFrom: child.missingFrom,
    responsibleAuthority: child.responsibleAuthority, district: child.district, missingFromPostcode: child.postcode,
    foundLocation: found ? foundLocation(rng) : null, foundPostcode: found && rng.chance(0.5) ? syntheticPostcode(rng) : null,
    circumstances: circumstances(rng),
  };
}

const NEEDS_QUOTES = /[",\r\n]/;
const csvCell = (v: string) => (NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Writes the notifications as a CSV file with the contract's header, streamed in blocks of rows. */
export async function writeNotificationCsv(path: string, options: GeneratorOptions): Promise<GeneratedStats> {
  const stats: GeneratedStats = { rows: 0, incidents: 0, children: 0, updates: 0, openAtEnd: 0 };
  const out = createWriteStream(path, { encoding: 'utf8' });
  let block = `${NOTIFICATION_COLUMNS.join(',')}\n`;
  for (const input of generateNotifications(options, stats)) {
    const cells = toNotificationRecord(input);
    block += `${NOTIFICATION_COLUMNS.map((c) => csvCell(cells[c] ?? '')).join(',')}\n`;
    if (block.length > 256 * 1024) {
      if (!out.write(block)) await once(out, 'drain');
      block = '';
    }
  }
  out.end(block);
  await once(out, 'finish');
  return stats;
}

if (process.argv[2] && resolve(process.argv[2]) === fileURLToPath(import.meta.url)) {
  const [, , , file, rows = '100000', years = '10'] = process.argv;
  if (!file) throw new Error('usage: node bin/run-ts.mjs bench/generate-notifications.ts <out.csv> [rows] [years]');
  const stats = await writeNotificationCsv(file, { rows: Number(rows), years: Number(years), end: new Date() });
  console.log(`${file}: ${stats.rows} rows, ${stats.incidents} incidents, ${stats.children} children, ${stats.updates} updates, ${stats.openAtEnd} open at the end`);
}
