/** URLs of the language guide: the page of phrases and the list the inline advice reads. */
export const languageUrls = {
  languageGuide: '/language-guide',
  languageGuidePhrases: '/language-guide/phrases.json',
} as const;
