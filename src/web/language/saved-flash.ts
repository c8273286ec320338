/**
 * The message shown after saving a record whose free text the language guide advised on: the usual success
 * banner, with the phrases found and what to say instead in an inset below it. It names the guide's phrases,
 * never the words written, so nothing of the record is kept in the session.
 */
import type { FieldAdvice } from '../../modules/language/advice.ts';
import type { LanguagePhrase } from '../../modules/language/phrases.ts';
import { urls } from '../urls.ts';

export type Flash = { title: string; html?: string; text?: string };

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Each phrase once, with the labels of the fields it was found in, in the order first found. */
function phrasesFound(advice: readonly FieldAdvice[], labels: Record<string, string>) {
  const found = new Map<string, { phrase: LanguagePhrase; fields: Set<string> }>();
  for (const { field, advice: items } of advice) {
    for (const { phrase } of items) {
      const entry = found.get(phrase.code) ?? { phrase, fields: new Set<string>() };
      entry.fields.add(labels[field] ?? field);
      found.set(phrase.code, entry);
    }
  }
  return [...found.values()];
}

/** The success banner after saving; with the language guide's advice when there is any. */
export function savedFlash(successText: string, advice: readonly FieldAdvice[] = [], labels: Record<string, string> = {}): Flash {
  const found = phrasesFound(advice, labels);
  if (found.length === 0) return { title: 'Success', text: successText };
  const items = found.map(({ phrase, fields }) => {
    const instead = phrase.alternatives.map((a) => `“${escapeHtml(a)}”`).join(' or ');
    return `<li><a class="govuk-notification-banner__link" href="${urls.languageGuide}#${phrase.code}">“${escapeHtml(phrase.phrase)}”</a> in ${escapeHtml([...fields].join(', '))}: you could say ${instead}.</li>`;
  });
  const count = found.length === 1 ? 'a phrase' : `${found.length} phrases`;
  return {
    title: 'Success',
    html: `<p class="govuk-notification-banner__heading">${escapeHtml(successText)}</p>`
      + '<div class="govuk-inset-text govuk-!-margin-bottom-0" data-language-advice>'
      + `<p class="govuk-body">Language guide: what you saved includes ${count} that can suggest a child is to blame for harm done to them. You can change it when you next edit the record.</p>`
      + `<ul class="govuk-list govuk-list--bullet">${items.join('')}</ul></div>`,
  };
}

