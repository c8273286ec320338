/**
 * What a "find a child" query means: a date of birth, or text that may be a name (partial, either order)
 * or an id (LA child id, police person id, police reference). Pure, so the rules are easy to test.
 */
import { parseUkDate } from '../missing/uk-time.ts';
import { normaliseName } from './child-matching.ts';

export type ChildQuery =
  | { kind: 'date'; dateOfBirth: string }
  | { kind: 'text'; raw: string; tokens: string[] };

// Enough for any real name; more words only multiply the name clauses.
const MAX_TOKENS = 4;

export function parseChildQuery(text: string): ChildQuery | null {
  const raw = text.trim().slice(0, 100);
  if (raw === '') return null;
  const date = parseUkDate(raw);
  if (date.ok) return { kind: 'date', dateOfBirth: date.value };
  const tokens = raw.split(/\s+/).map(normaliseName).filter((t) => t !== '').slice(0, MAX_TOKENS);
  return { kind: 'text', raw, tokens };
}

/** A pair of name prefixes that must both match: forename starts with `forename`, surname with `surname`. */
export interface NamePrefixes {
  forename: string | null;
  surname: string | null;
}

/**
 * The ways the words of a query can split into forename and surname prefixes: "ali smi" is forename "ali…"
 * and surname "smi…", or the other way round; "o brien" also counts as the one name "obrien…".
 */
export function namePrefixes(tokens: string[]): NamePrefixes[] {
  if (tokens.length === 0) return [];
  const all = tokens.join('');
  const options: NamePrefixes[] = [{ forename: all, surname: null }, { forename: null, surname: all }];
  for (let k = 1; k < tokens.length; k++) {
    const first = tokens.slice(0, k).join('');
    const rest = tokens.slice(k).join('');
    options.push({ forename: first, surname: rest }, { forename: rest, surname: first });
  }
  return options;
}
