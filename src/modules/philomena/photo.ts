/**
 * Checking an uploaded photo (no I/O): its kind is read from its bytes, never from the name or the browser's
 * word, and only JPEG and PNG are kept, because the police packet's PDF can embed only those.
 */
import { fileTypeFromBuffer } from 'file-type';
import type { FieldProblem } from '../errors.ts';
import type { Checked } from '../missing/incident-rules.ts';
import { londonDate, parseUkDate } from '../missing/uk-time.ts';

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

export interface PhotoUpload {
  /** The file's bytes, or null when no file was chosen. */
  bytes: Buffer | null;
  /** The file was larger than MAX_PHOTO_BYTES: `bytes` holds only its start. */
  tooLarge: boolean;
  takenOn: string;
}

export interface CheckedPhoto {
  bytes: Buffer;
  contentType: PhotoType;
  takenOn: string;
}

const isPhotoType = (mime: string): mime is PhotoType => (PHOTO_TYPES as readonly string[]).includes(mime);

async function checkFile(upload: PhotoUpload, problems: FieldProblem[]): Promise<{ bytes: Buffer; contentType: PhotoType } | null> {
  const field = 'photo';
  if (!upload.bytes) return problems.push({ field, message: 'Select a photo to upload' }), null;
  if (upload.tooLarge) return problems.push({ field, message: 'The photo must be 5 MB or smaller' }), null;
  if (upload.bytes.length === 0) return problems.push({ field, message: 'The selected file is empty' }), null;
  const sniffed = await fileTypeFromBuffer(upload.bytes);
  if (!sniffed || !isPhotoType(sniffed.mime)) return problems.push({ field, message: 'The photo must be a JPEG or PNG' }), null;
  return { bytes: upload.bytes, contentType: sniffed.mime };
}

function checkTakenOn(text: string, now: Date, problems: FieldProblem[]): string | null {
  const field = 'takenOn';
  if (!text.trim()) return problems.push({ field, message: 'Enter the date the photo was taken' }), null;
  const parsed = parseUkDate(text);
  if (!parsed.ok) {
    const message = parsed.reason === 'not-real' ? 'The date the photo was taken must be a real date' : 'Enter the date the photo was taken like 27/03/2026';
    return problems.push({ field, message }), null;
  }
  if (parsed.value > londonDate(now)) return problems.push({ field, message: 'The date the photo was taken must be today or in the past' }), null;
  return parsed.value;
}

/** Checks the file (present, at most 5 MB, a JPEG or PNG by its content) and the date it was taken. */
export async function checkPhoto(upload: PhotoUpload, now: Date): Promise<Checked<CheckedPhoto>> {
  const problems: FieldProblem[] = [];
  const file = await checkFile(upload, problems);
  const takenOn = checkTakenOn(upload.takenOn, now, problems);
  if (!file || !takenOn) return { ok: false, problems };
  return { ok: true, value: { ...file, takenOn } };
}
