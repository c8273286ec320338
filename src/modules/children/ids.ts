/** Record ids come from URLs: anything that is not a UUID is a record that does not exist, never a 500. */
import { NotFound } from '../errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function recordId(id: string, what = 'record'): string {
  if (!UUID.test(id)) throw new NotFound(`There is no such ${what}`);
  return id.toLowerCase();
}
