/**
 * What a draft may hold: the values of a form's fields by name, small enough to store on every pause in typing.
 * Keys are the paths forms post to. The messages are for the person typing, shown quietly beside the form.
 */
import { z } from 'zod';

export type DraftData = Record<string, string[]>;

/** A long assessment is a few tens of kilobytes; this leaves room without letting a draft become a file store. */
export const DRAFT_MAX_BYTES = 200 * 1024;

const DraftBody = z.object({
  data: z.record(z.string().min(1).max(200), z.array(z.string()).max(500)).refine((d) => Object.keys(d).length <= 1000),
});

/** A same-site path, as a form's action: a draft's key. */
const KEY = /^\/(?!\/)[A-Za-z0-9\-._~/%]{0,299}$/;

export function isDraftKey(key: string): boolean {
  return KEY.test(key);
}

export type ParsedDraft = { ok: true; data: DraftData } | { ok: false; status: 400 | 413; message: string };

export function parseDraftBody(body: unknown): ParsedDraft {
  const parsed = DraftBody.safeParse(body);
  if (!parsed.success) return { ok: false, status: 400, message: 'The draft could not be saved: it was not in the form Homeward expects.' };
  if (Buffer.byteLength(JSON.stringify(parsed.data.data)) > DRAFT_MAX_BYTES) {
    return { ok: false, status: 413, message: 'This draft is too long to save as you type (over 200 kB). Save the form itself to keep your work.' };
  }
  return { ok: true, data: parsed.data.data };
}
