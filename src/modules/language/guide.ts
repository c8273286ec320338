/**
 * The language guide as people read it (the guide page) and as the inline advice reads it (the phrase list).
 * Pure: the list is maintained in code, so there is nothing to look up and nothing about a child to audit.
 */
import type { Actor } from '../access/actor.ts';
import { LANGUAGE_PHRASES, type LanguagePhrase } from './phrases.ts';
import { LANGUAGE_GROUPS, LANGUAGE_SOURCES, type LanguageGroup, type LanguageSourceId } from './sources.ts';

export interface GuideSection {
  id: LanguageGroup;
  title: string;
  phrases: (LanguagePhrase & { sourceTitles: string[] })[];
}

/** The phrases grouped in the guide's order, each with the titles of its sources, and every source once. */
export function languageGuide(_actor: Actor) {
  const sourceTitle = (id: LanguageSourceId) => LANGUAGE_SOURCES[id].title;
  const sections: GuideSection[] = (Object.keys(LANGUAGE_GROUPS) as LanguageGroup[]).map((id) => ({
    id,
    title: LANGUAGE_GROUPS[id],
    phrases: LANGUAGE_PHRASES.filter((p) => p.group === id).map((p) => ({ ...p, sourceTitles: p.sources.map(sourceTitle) })),
  }));
  const sources = (Object.keys(LANGUAGE_SOURCES) as LanguageSourceId[]).map((id) => ({ id, ...LANGUAGE_SOURCES[id] }));
  return { sections, sources, count: LANGUAGE_PHRASES.length };
}

/** What the inline advice needs to find phrases as people type: no more than the guide page shows. */
export function languagePhraseList(_actor: Actor) {
  return LANGUAGE_PHRASES.map(({ code, pattern, phrase, why, alternatives }) => ({ code, pattern, phrase, why, alternatives }));
}
