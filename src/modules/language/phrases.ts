/**
 * The maintained list of phrases that imply a child is responsible for, or complicit in, their own abuse, with
 * suggested alternatives. Drawn from published language guides (The Children's Society, "Appropriate language:
 * child sexual and/or criminal exploitation, guidance for professionals"; the Home Office county lines guidance;
 * seed 004 paragraph 21). A phrase's code is stable: the report counts by it.
 */
export interface LanguagePhrase {
  code: string;
  /** A case-insensitive regular expression (source only), matched on word boundaries. */
  pattern: string;
  /** The phrase as the guide names it. */
  phrase: string;
  why: string;
  alternatives: string[];
}

export const LANGUAGE_PHRASES: readonly LanguagePhrase[] = [
  {
    code: 'putting-themselves-at-risk',
    pattern: String.raw`\b(?:is |was |are |were )?putting (?:themselves|himself|herself|themself) at risk\b`,
    phrase: 'putting themselves at risk',
    why: 'Suggests the child is responsible for the risk posed to them by others.',
    alternatives: ['is at risk from…', 'may be at risk of exploitation by…', 'is being exploited by…'],
  },
];
