/**
 * Where the language guide's phrases come from, and the groups the guide page shows them in. A phrase names
 * the sources that list it (or the reasoning it rests on), so the guide can say where each piece of advice is from.
 */

export const LANGUAGE_SOURCES = {
  'childrens-society': {
    title: 'Appropriate language: child sexual and/or criminal exploitation. Guidance for professionals',
    publisher: 'The Children’s Society, Victim Support and the National Police Chiefs’ Council (revised 2022)',
    url: 'https://www.childrenssociety.org.uk/information/professionals/resources/child-exploitation-language-guide',
  },
  'cse-taskforce': {
    title: 'Child exploitation and abuse: an appropriate language guide',
    publisher: 'The Children’s Society and NAPAC for the Child Sexual Exploitation Taskforce (2024)',
    url: 'https://www.childrenssociety.org.uk/information/professionals/resources/child-exploitation-language-guide',
  },
  'county-lines': {
    title: 'Criminal exploitation of children and vulnerable adults: county lines',
    publisher: 'Home Office (guidance, updated 2023)',
    url: 'https://www.gov.uk/government/publications/criminal-exploitation-of-children-and-vulnerable-adults-county-lines',
  },
  'working-together': {
    title: 'Working Together to Safeguard Children 2023: children first',
    publisher: 'HM Government (2023)',
    url: 'https://www.gov.uk/government/publications/working-together-to-safeguard-children--2',
  },
  partnership: {
    title: 'The partnership’s child exploitation strategy: use of language',
    publisher: 'This safeguarding children partnership',
    url: null,
  },
} as const satisfies Record<string, { title: string; publisher: string; url: string | null }>;

export type LanguageSourceId = keyof typeof LANGUAGE_SOURCES;

/** The guide's sections, in the order the page shows them. */
export const LANGUAGE_GROUPS = {
  sexual: 'Sexual exploitation and abuse',
  criminal: 'Criminal exploitation and county lines',
  missing: 'Going missing',
  choice: 'Choice, behaviour and the people a child is with',
  services: 'Working with children',
} as const;

export type LanguageGroup = keyof typeof LANGUAGE_GROUPS;
