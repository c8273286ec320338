/**
 * The missing history of Part 1, filled in from the child's incidents (pure): how many there have been, and the
 * last 12 months one by one — "whether they've gone missing before" (GMP, uk-standards.md 5.3).
 */
export interface MissingEpisode {
  incidentId: string;
  policeReference: string;
  lastSeenAt: Date;
  foundAt: Date | null;
  foundLocation: string | null;
}

export interface MissingHistory {
  count: number;
  /** The start of the 12 months listed: the same moment a year before now. */
  since: Date;
  lastTwelveMonths: MissingEpisode[];
}

/** The history as of `now`, newest first; incidents that start after `now` are not history yet. */
export function missingHistory(episodes: readonly MissingEpisode[], now: Date): MissingHistory {
  const since = new Date(now);
  since.setUTCFullYear(since.getUTCFullYear() - 1);
  const past = episodes
    .filter((e) => e.lastSeenAt.getTime() <= now.getTime())
    .sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime());
  return { count: past.length, since, lastTwelveMonths: past.filter((e) => e.lastSeenAt.getTime() >= since.getTime()) };
}
