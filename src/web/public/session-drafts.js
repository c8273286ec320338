// Drafts saved as people type: every form that posts and has a text area (or is marked data-autosave; opt out
// with data-autosave="off") is saved a moment after each change and as the page is left, keyed by the address
// it posts to. Back at the form, a banner offers the draft. Passwords, files, hidden fields (the form's token,
// the record's version) are never saved. Loaded by session.js; pages work without it.
/* global document, window, fetch, setTimeout, clearTimeout, Event, URL */

const SKIPPED_TYPES = new Set(['password', 'file', 'hidden', 'submit', 'button', 'reset', 'image']);
const SKIPPED_NAMES = new Set(['_csrf', 'version']);
const PAUSE_MS = 1500;
// A request still sending as the page closes (keepalive) may carry at most 64 kB.
const KEEPALIVE_LIMIT = 60_000;
const NOT_SAVED = 'Your draft could not be saved just now. Save the form itself to keep your work.';

export const timeOf = (iso) => new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });

function wantsDrafts(form) {
  if ((form.getAttribute('method') ?? '').toLowerCase() !== 'post' || form.dataset.autosave === 'off') return false;
  return form.dataset.autosave !== undefined || form.querySelector('textarea') !== null;
}

const fieldsOf = (form) => [...form.elements].filter((el) => el.name && !SKIPPED_NAMES.has(el.name) && !SKIPPED_TYPES.has(el.type) && !el.disabled);

/** Field name → values: what was typed, the option chosen, the boxes ticked (none is an empty list). */
function valuesOf(form) {
  const data = {};
  for (const el of fieldsOf(form)) {
    const values = (data[el.name] ??= []);
    if (el.type === 'checkbox' || el.type === 'radio') {
      if (el.checked) values.push(el.value);
    } else if (el.type === 'select-multiple') {
      values.push(...[...el.selectedOptions].map((option) => option.value));
    } else {
      values.push(el.value);
    }
  }
  return data;
}

/** Puts a draft back, telling other scripts (the language guide, conditional parts) as if it had been typed. */
function fill(form, data) {
  const position = new Map();
  for (const el of fieldsOf(form)) {
    const values = data[el.name];
    if (!Array.isArray(values)) continue; // the form had no such field when the draft was saved
    if (el.type === 'checkbox' || el.type === 'radio') {
      el.checked = values.includes(el.value);
    } else if (el.type === 'select-multiple') {
      for (const option of el.options) option.selected = values.includes(option.value);
    } else {
      const i = position.get(el.name) ?? 0;
      position.set(el.name, i + 1);
      el.value = values[i] ?? '';
    }
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }
}

/** Whether putting the draft back would change nothing the form shows. */
function sameAsForm(data, form) {
  const current = valuesOf(form);
  return Object.entries(data).every(([name, values]) => !(name in current) || JSON.stringify(values) === JSON.stringify(current[name]));
}

class FormDraft {
  constructor(form, env, n) {
    this.form = form;
    this.env = env;
    this.n = n;
    this.key = new URL(form.action, window.location.href).pathname;
    this.saved = JSON.stringify(valuesOf(form));
    this.submitted = false;
    this.timer = 0;
    // Present from the start and empty, so screen readers announce what is later put in it.
    this.status = document.createElement('p');
    this.status.className = 'govuk-body-s app-draft-status';
    this.status.setAttribute('role', 'status');
    this.status.setAttribute('aria-live', 'polite');
    form.append(this.status);
    const later = () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.save(), PAUSE_MS);
    };
    form.addEventListener('input', later);
    form.addEventListener('change', later);
    // Saved for real now: a draft sent after it would outlive the save.
    form.addEventListener('submit', () => {
      this.submitted = true;
      clearTimeout(this.timer);
    });
  }

  get url() {
    return this.env.draftUrl + encodeURIComponent(this.key);
  }

  say(text) {
    if (this.status.textContent !== text) this.status.textContent = text;
  }

  /** Sends the form's values if they changed since last saved; false if they could not be saved. */
  async save({ closing = false } = {}) {
    const snapshot = JSON.stringify(valuesOf(this.form));
    if (this.submitted || snapshot === this.saved) return true;
    const body = `{"data":${snapshot}}`;
    try {
      const response = await fetch(this.url, {
        method: 'POST', credentials: 'same-origin', redirect: 'manual', keepalive: closing && body.length < KEEPALIVE_LIMIT,
        headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': this.env.csrf() }, body,
      });
      const answer = await response.json().catch(() => ({}));
      if (!response.ok) {
        this.say(response.status === 413 && answer.error ? answer.error : NOT_SAVED);
        return false;
      }
      this.saved = snapshot;
      this.say(`Draft saved at ${timeOf(answer.savedAt)}`);
      this.env.onSessionEnd(answer.session);
      return true;
    } catch {
      if (!closing) this.say(NOT_SAVED);
      return false;
    }
  }

  /** Offers a saved draft, unless this page is the form sent back with errors (it shows what was just sent). */
  async offer() {
    if (this.env.pageHasErrors) return;
    const response = await fetch(this.url, { credentials: 'same-origin', redirect: 'manual', headers: { accept: 'application/json' } });
    if (response.status !== 200) return;
    const draft = await response.json();
    if (!sameAsForm(draft.data, this.form)) this.showBanner(draft);
  }

  showBanner(draft) {
    const template = document.getElementById('app-draft-banner');
    const main = document.querySelector('main');
    if (!template || !main) return;
    const banner = template.content.firstElementChild.cloneNode(true);
    const title = banner.querySelector('.govuk-notification-banner__title');
    title.id = `${title.id}-${this.n}`;
    banner.setAttribute('aria-labelledby', title.id);
    const time = timeOf(draft.savedAt);
    banner.querySelector('[data-draft-time]').textContent = time;
    banner.querySelector('[data-draft-restore]').addEventListener('click', () => {
      fill(this.form, draft.data);
      this.settle(banner, `Your draft from ${time} is back in the form. Check it, then save the form.`);
    });
    banner.querySelector('[data-draft-discard]').addEventListener('click', async () => {
      const response = await fetch(this.env.draftDiscardUrl + encodeURIComponent(this.key), {
        method: 'POST', credentials: 'same-origin', redirect: 'manual', headers: { 'x-csrf-token': this.env.csrf() },
      }).catch(() => null);
      this.settle(banner, response?.ok ? 'Your draft was discarded.' : 'Your draft could not be discarded just now. Try again later.');
    });
    main.prepend(banner);
  }

  /** The choice is made: the banner says what happened and takes focus, so a screen reader hears it. */
  settle(banner, text) {
    banner.querySelector('[data-draft-choices]').remove();
    banner.querySelector('[data-draft-message]').textContent = text;
    banner.focus();
  }
}

/** Watches every form that wants drafts; `saveAll` resolves to false if any changed form could not be saved. */
export function startDrafts(env) {
  const drafts = [...document.querySelectorAll('form')].filter(wantsDrafts).map((form, n) => new FormDraft(form, env, n));
  for (const draft of drafts) void draft.offer().catch(() => undefined);
  // A closed tab or a link followed: what was typed since the last pause goes too.
  window.addEventListener('pagehide', () => {
    for (const draft of drafts) void draft.save({ closing: true });
  });
  return { saveAll: async () => (await Promise.all(drafts.map((draft) => draft.save()))).every(Boolean) };
}
