/** The access matrix for: The language guide. */
import { EVERY_ROLE, page, type Expectation } from './access-matrix-support.ts';

export const LANGUAGE_ROUTES: Record<string, Expectation> = {
  // The guide and its phrase list are for everyone who writes or reads records: no action beyond signing in.
  'GET /language-guide': page([], EVERY_ROLE),
  'GET /language-guide/phrases.json': page([], EVERY_ROLE),
};
