// The language guide while typing: in every text box (except those marked data-language-guide="off", which
// hold a child's own words), a short pause after typing checks the text against the guide's phrases and shows,
// below the box, each phrase found with why it can blame a child and what to say instead. A polite status
// message says how many suggestions there are, without moving focus. It never changes the text, never blocks
// or sends anything: the same advice is given again after saving. Without JavaScript the pages work as before.
/* global document, fetch, setTimeout, clearTimeout, HTMLTextAreaElement */

// urls.languageGuidePhrases in src/web/language/urls.ts.
const PHRASES_URL = '/language-guide/phrases.json';
const PAUSE_MS = 400;

const timers = new WeakMap();
const shownCounts = new WeakMap();
let loading = null;
let status = null;
let nextId = 0;

const isGuided = (el) => el instanceof HTMLTextAreaElement && !el.closest('[data-language-guide="off"]');

/** The phrase list, fetched once per page (the browser may keep it for an hour). Null when it cannot be had. */
function phrases() {
  loading ??= fetch(PHRASES_URL, { credentials: 'same-origin', headers: { accept: 'application/json' } })
    .then(async (response) => {
      // Signed out meanwhile: the answer is the sign-in page, not the list.
      if (!response.ok || !(response.headers.get('content-type') ?? '').includes('application/json')) return null;
      const body = await response.json();
      const compiled = body.phrases.flatMap((p) => {
        try {
          return [{ ...p, regex: new RegExp(p.pattern, 'giu') }];
        } catch {
          return []; // A pattern this browser cannot read is left out rather than stopping the rest.
        }
      });
      return { guide: body.guide, phrases: compiled };
    })
    .catch(() => null);
  return loading;
}

/** Each phrase found once, in the order it first appears, with the words as written. */
function findPhrases(text, list) {
  const found = [];
  for (const p of list) {
    p.regex.lastIndex = 0;
    const m = p.regex.exec(text);
    if (m) found.push({ phrase: p, matched: m[0], index: m.index });
  }
  return found.sort((a, b) => a.index - b.index);
}

function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

const suggestions = (n) => (n === 1 ? '1 suggestion' : `${n} suggestions`);

function panelFor(field) {
  field.id ||= `language-guide-field-${++nextId}`;
  const id = `${field.id}-language-guide`;
  let panel = document.getElementById(id);
  if (!panel) {
    panel = element('div', 'govuk-inset-text govuk-!-margin-top-2');
    panel.id = id;
    panel.dataset.languageGuidePanel = '';
    panel.hidden = true;
    field.after(panel);
  }
  return panel;
}

function adviceItem(f, guide) {
  const item = element('li');
  const words = element('p', 'govuk-body govuk-!-margin-bottom-1');
  words.append(element('strong', null, `“${f.matched}”`), ` – ${f.phrase.why}`);
  const instead = element('p', 'govuk-body govuk-!-margin-bottom-1', `You could say: ${f.phrase.alternatives.map((a) => `“${a}”`).join(' or ')}.`);
  const more = element('a', 'govuk-link govuk-body-s', `Why “${f.phrase.phrase}” (language guide, opens in new tab)`);
  more.href = `${guide}#${f.phrase.code}`;
  more.target = '_blank';
  more.rel = 'noopener noreferrer';
  const moreLine = element('p', 'govuk-body-s govuk-!-margin-bottom-3');
  moreLine.append(more);
  item.append(words, instead, moreLine);
  return item;
}

/** Shows the advice under the field (or hides it) and keeps the field described by it for screen readers. */
function render(field, found, guide) {
  const panel = panelFor(field);
  const describedBy = (field.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((v) => v && v !== panel.id);
  panel.hidden = found.length === 0;
  panel.replaceChildren();
  if (found.length > 0) {
    const list = element('ul', 'govuk-list govuk-!-margin-bottom-0');
    list.append(...found.map((f) => adviceItem(f, guide)));
    panel.append(
      element('p', 'govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-2', `Language guide: ${suggestions(found.length)}`),
      element('p', 'govuk-body', 'These words can suggest a child is to blame for harm done to them. This is advice: you can still save.'),
      list,
    );
    describedBy.push(panel.id);
  }
  if (describedBy.length > 0) field.setAttribute('aria-describedby', describedBy.join(' '));
  else field.removeAttribute('aria-describedby');
}

function announce(text) {
  if (!status) {
    status = element('div', 'govuk-visually-hidden');
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    status.dataset.languageGuideStatus = '';
    document.body.append(status);
  }
  status.textContent = text;
}

async function check(field, { quietly = false } = {}) {
  const guide = await phrases();
  if (!guide) return;
  const found = findPhrases(field.value, guide.phrases);
  render(field, found, guide.guide);
  const before = shownCounts.get(field) ?? 0;
  shownCounts.set(field, found.length);
  if (quietly || found.length === before) return;
  announce(found.length === 0 ? 'Language guide: no suggestions' : `Language guide: ${suggestions(found.length)}`);
}

const fields = [...document.querySelectorAll('textarea')].filter(isGuided);
if (fields.length > 0) {
  // The status region exists before anything is said in it, so screen readers hear its first message.
  announce('');
  // Text already there (a form shown again with an error) gets its advice without a message.
  for (const field of fields) if (field.value.trim()) void check(field, { quietly: true });
}
document.addEventListener('input', (event) => {
  const field = event.target;
  if (!isGuided(field)) return;
  clearTimeout(timers.get(field));
  timers.set(field, setTimeout(() => void check(field), PAUSE_MS));
});
