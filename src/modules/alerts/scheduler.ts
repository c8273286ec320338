/**
 * The alerts' background work in the web process: every interval, and soon after any alert is raised, sweep
 * the time-based rules and deliver the e-mail outbox. Passes never overlap; a failure is logged by its code and
 * the next pass tries again.
 */
import type { Database } from '../../db/database.ts';
import type { LiveHub } from '../live/hub.ts';
import { deliverOutbox, type SendEmail } from './outbox.ts';
import { sweepAlerts } from './sweeps.ts';

export interface AlertWorkOptions {
  db: Database;
  hub: LiveHub;
  /** Null when e-mail is off: alerts are still raised and shown in the app. */
  send: SendEmail | null;
  publicUrl: string;
  intervalMs: number;
  now: () => Date;
  onError: (error: unknown) => void;
}

export interface AlertWork {
  /** Runs one pass now (and waits for it). */
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

export function startAlertWork(options: AlertWorkOptions): AlertWork {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const pass = async () => {
    await sweepAlerts(options.db, options.now());
    if (options.send) await deliverOutbox(options.db, options.send, { now: options.now, publicUrl: options.publicUrl });
  };
  const runNow = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = pass().catch(options.onError).finally(() => {
      running = null;
      if (again && !stopped) {
        again = false;
        void runNow();
      }
    });
    return running;
  };
  const timer = setInterval(() => void runNow(), options.intervalMs);
  timer.unref();
  let soon: NodeJS.Timeout | null = null;
  const unsubscribe = options.hub.subscribe((event) => {
    if (event.topic !== 'alerts' || soon) return;
    soon = setTimeout(() => {
      soon = null;
      void runNow();
    }, 200);
  });
  return {
    runNow,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      if (soon) clearTimeout(soon);
      unsubscribe();
      await running;
    },
  };
}
