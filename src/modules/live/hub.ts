/** Fans the database's live-update notifications out to the subscribers of this process (SSE streams, the scheduler). */
import type { Database } from '../../db/database.ts';
import { LIVE_CHANNEL, parseLiveEvent, type LiveEvent } from './announce.ts';

export type LiveListener = (event: LiveEvent) => void;

export class LiveHub {
  private readonly listeners = new Set<LiveListener>();
  private stopListening: (() => Promise<void>) | null = null;

  async start(db: Database): Promise<void> {
    this.stopListening = await db.listen(LIVE_CHANNEL, (payload) => {
      const event = parseLiveEvent(payload);
      if (event) for (const listener of this.listeners) listener(event);
    });
  }

  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }

  async stop(): Promise<void> {
    this.listeners.clear();
    await this.stopListening?.();
    this.stopListening = null;
  }
}
