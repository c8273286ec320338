/** Server-side sessions kept in the database, so a restart or a second app instance keeps people signed in. */
import type { Session } from 'fastify';
import { eq, lt } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { sessions } from '../../db/schema.ts';

type Callback = (err?: unknown) => void;
type SessionCallback = (err: unknown, session?: Session | null) => void;

export class DatabaseSessionStore {
  constructor(
    private readonly db: Database,
    private readonly maxAgeMs: number,
  ) {}

  set(sid: string, session: Session, callback: Callback): void {
    const data = JSON.parse(JSON.stringify(session)) as Record<string, unknown>;
    const expiresAt = new Date(Date.now() + this.maxAgeMs);
    this.db
      .transaction((tx) =>
        tx.insert(sessions).values({ sid, data, expiresAt }).onConflictDoUpdate({ target: sessions.sid, set: { data, expiresAt } }),
      )
      .then(() => callback(), callback);
  }

  get(sid: string, callback: SessionCallback): void {
    this.db
      .read((q) => q.select().from(sessions).where(eq(sessions.sid, sid)))
      .then(([row]) => {
        if (!row || row.expiresAt.getTime() < Date.now()) return callback(null, null);
        callback(null, row.data as unknown as Session);
      }, callback);
  }

  destroy(sid: string, callback: Callback): void {
    this.db.transaction((tx) => tx.delete(sessions).where(eq(sessions.sid, sid))).then(() => callback(), callback);
  }

  /** Removes expired sessions; called at start-up and hourly. */
  async prune(): Promise<void> {
    await this.db.transaction((tx) => tx.delete(sessions).where(lt(sessions.expiresAt, new Date())));
  }
}
