/**
 * Server-side sessions kept in the database, so a restart or a second app instance keeps people signed in.
 * A session ends after `idleMs` without activity (sliding: `touch` moves the end on); the cookie's own
 * maximum age (8 hours from sign-in) caps it however active someone is.
 */
import type { Session } from 'fastify';
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { sessions } from '../../db/schema.ts';
import { purgeExpiredDrafts } from '../../modules/drafts/drafts.service.ts';

type Callback = (err?: unknown) => void;
type SessionCallback = (err: unknown, session?: Session | null) => void;

export class DatabaseSessionStore {
  /** The end of each session as last read or written here: spares a write on every request (see `touch`). */
  private readonly knownEnds = new Map<string, number>();
  private readonly touchEveryMs: number;

  constructor(
    private readonly db: Database,
    maxAgeMs: number,
    private readonly idleMs: number = maxAgeMs,
  ) {
    this.touchEveryMs = Math.min(60_000, idleMs / 10);
  }

  set(sid: string, session: Session, callback: Callback): void {
    const data = JSON.parse(JSON.stringify(session)) as Record<string, unknown>;
    const expiresAt = new Date(Date.now() + this.idleMs);
    this.db
      .transaction((tx) =>
        tx.insert(sessions).values({ sid, data, expiresAt }).onConflictDoUpdate({ target: sessions.sid, set: { data, expiresAt } }),
      )
      .then(() => {
        this.knownEnds.set(sid, expiresAt.getTime());
        callback();
      }, callback);
  }

  get(sid: string, callback: SessionCallback): void {
    this.db
      .read((q) => q.select().from(sessions).where(eq(sessions.sid, sid)))
      .then(([row]) => {
        if (!row || row.expiresAt.getTime() < Date.now()) return callback(null, null);
        this.knownEnds.set(sid, row.expiresAt.getTime());
        callback(null, row.data as unknown as Session);
      }, callback);
  }

  destroy(sid: string, callback: Callback): void {
    this.knownEnds.delete(sid);
    this.db.transaction((tx) => tx.delete(sessions).where(eq(sessions.sid, sid))).then(() => callback(), callback);
  }

  /**
   * Someone did something: their session now ends `idleMs` from now. Written at most once a minute per session
   * (unless `force`, for "Stay signed in"), so activity costs a database write only now and then. Returns the
   * new end, or null when the session has already ended.
   */
  async touch(sid: string, options: { force?: boolean } = {}): Promise<Date | null> {
    const now = Date.now();
    const known = this.knownEnds.get(sid);
    if (!options.force && known !== undefined && known > now && known - now > this.idleMs - this.touchEveryMs) return new Date(known);
    const expiresAt = new Date(now + this.idleMs);
    const updated = await this.db.transaction((tx) =>
      tx.update(sessions).set({ expiresAt }).where(and(eq(sessions.sid, sid), gt(sessions.expiresAt, new Date(now)))).returning({ sid: sessions.sid }),
    );
    if (updated.length === 0) {
      this.knownEnds.delete(sid);
      return null;
    }
    this.knownEnds.set(sid, expiresAt.getTime());
    return expiresAt;
  }

  /** When the session ends, as the database has it (another tab or instance may have moved it on); null if it has ended. */
  async endOf(sid: string): Promise<Date | null> {
    const [row] = await this.db.read((q) => q.select({ expiresAt: sessions.expiresAt }).from(sessions).where(eq(sessions.sid, sid)));
    return row && row.expiresAt.getTime() > Date.now() ? row.expiresAt : null;
  }

  /** Removes expired sessions and drafts past their lifetime; called at start-up and hourly. */
  async prune(): Promise<void> {
    const now = new Date();
    await this.db.transaction((tx) => tx.delete(sessions).where(lt(sessions.expiresAt, now)));
    for (const [sid, end] of this.knownEnds) if (end < now.getTime()) this.knownEnds.delete(sid);
    await purgeExpiredDrafts(this.db, now);
  }
}
