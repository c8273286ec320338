/**
 * Live updates: a change announces itself with NOTIFY inside its own transaction, so listeners hear of it only
 * once it is committed, from whichever process made it (the web app, a CLI import, another server). The
 * payload names the authority and the topic, never a child.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';

export const LIVE_CHANNEL = 'homeward_live';
export const LIVE_TOPICS = ['incidents', 'alerts'] as const;
export type LiveTopic = (typeof LIVE_TOPICS)[number];

export interface LiveEvent {
  authorityCode: string;
  topic: LiveTopic;
}

export async function announce(tx: Tx, authorityCode: string, topic: LiveTopic): Promise<void> {
  // PostgreSQL folds identical notifications in one transaction into one, so a 1,000-row import sends one.
  await tx.execute(sql`SELECT pg_notify(${LIVE_CHANNEL}, ${JSON.stringify({ a: authorityCode, t: topic })})`);
}

export function parseLiveEvent(payload: string): LiveEvent | null {
  try {
    const value = JSON.parse(payload) as { a?: unknown; t?: unknown };
    if (typeof value.a !== 'string' || !LIVE_TOPICS.includes(value.t as LiveTopic)) return null;
    return { authorityCode: value.a, topic: value.t as LiveTopic };
  } catch {
    return null;
  }
}
