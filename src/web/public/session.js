// The session timeout warning (the GOV.UK / HMRC timeout dialog pattern) and saved drafts, on signed-in pages.
// The server ends a session after the idle time whatever happens here (web/drafts/session-activity.ts); this
// warns two minutes before, lets the person stay signed in, and at the end saves their drafts, signs them out
// and says why on the sign-in page. Another tab's activity counts: the server is asked before any warning.
/* global document, window, fetch, setInterval, URLSearchParams */
import { startDrafts } from './session-drafts.js';

const body = document.body;
const { sessionKeepAliveUrl: keepAliveUrl, sessionTimedOutUrl: timedOutUrl, draftUrl, draftDiscardUrl } = body.dataset;
// The last seconds are kept for saving drafts and signing out while the session still accepts them.
const END_MARGIN_MS = 5000;
// While the warning shows, the server is asked this often whether another tab has kept the session alive.
const RECHECK_MS = 30_000;

const seconds = (name) => Number(body.dataset[name]) * 1000;
const csrf = () => (document.querySelector('form.app-sign-out input[name="_csrf"]') ?? document.querySelector('input[name="_csrf"]'))?.value ?? '';

const clock = { end: Date.now() + seconds('sessionIdleSeconds'), asked: 0, busy: false, ending: false };
let dialog = null;
let returnFocus = null;
let announced = '';

/** The server said when the session ends (in how long, so the two clocks need not agree). */
function moveEnd(session) {
  if (session && Number.isFinite(session.expiresInMs)) clock.end = Date.now() + session.expiresInMs;
}

const drafts = draftUrl && draftDiscardUrl ? startDrafts({ draftUrl, draftDiscardUrl, csrf, pageHasErrors: body.dataset.pageErrors === 'true', onSessionEnd: moveEnd }) : null;

/** False once the session has ended; a network failure is not an ending, so it counts as alive. */
async function askServer() {
  clock.asked = Date.now();
  try {
    const response = await fetch(keepAliveUrl, { credentials: 'same-origin', redirect: 'manual', headers: { accept: 'application/json' } });
    if (response.status !== 200) return false;
    moveEnd(await response.json());
  } catch {
    // Offline for a moment: the local clock stands.
  }
  return true;
}

function inWords(msLeft) {
  const s = Math.max(0, Math.ceil((msLeft - END_MARGIN_MS) / 1000));
  if (s >= 60) return Math.ceil(s / 60) === 1 ? '1 minute' : `${Math.ceil(s / 60)} minutes`;
  return s === 1 ? '1 second' : `${s} seconds`;
}

/** The countdown shows every second; a screen reader hears it only at each minute and at 30 seconds. */
function showCountdown(msLeft) {
  const text = inWords(msLeft);
  const countdown = dialog.querySelector('[data-timeout-countdown]');
  if (countdown.textContent !== text) countdown.textContent = text;
  const s = Math.ceil((msLeft - END_MARGIN_MS) / 1000);
  const stage = s >= 60 ? text : s <= 30 ? 'less than 30 seconds' : null;
  if (stage && stage !== announced) {
    if (announced) dialog.querySelector('[data-timeout-announce]').textContent = `You will be signed out in ${stage}.`;
    announced = stage;
  }
}

/** Tab and Shift+Tab go round the dialog's buttons and never leave it. */
function keepFocusIn(event) {
  if (event.key !== 'Tab') return;
  const items = [...dialog.querySelectorAll('button, a[href]')];
  const first = items[0];
  const last = items[items.length - 1];
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

function openDialog(msLeft) {
  const template = document.getElementById('app-timeout-dialog');
  if (dialog || !template) return;
  const opened = template.content.firstElementChild.cloneNode(true);
  dialog = opened;
  showCountdown(msLeft);
  returnFocus = document.activeElement;
  opened.querySelector('[data-timeout-stay]').addEventListener('click', () => void stay());
  opened.querySelector('[data-timeout-sign-out]').addEventListener('click', () => void signOut());
  // Escape means "stay signed in"; if the browser closes the dialog anyway, that is what it means too.
  opened.addEventListener('cancel', (event) => {
    event.preventDefault();
    void stay();
  });
  opened.addEventListener('close', () => {
    if (dialog === opened) void stay();
  });
  opened.addEventListener('keydown', keepFocusIn);
  body.append(opened);
  opened.showModal();
  opened.querySelector('[data-timeout-stay]').focus();
}

function closeDialog() {
  if (!dialog) return;
  const closing = dialog;
  dialog = null;
  announced = '';
  closing.close();
  closing.remove();
  if (returnFocus && document.contains(returnFocus) && typeof returnFocus.focus === 'function') returnFocus.focus();
}

/** "Stay signed in" (or Escape): the server moves the session's end on. */
async function stay() {
  closeDialog();
  clock.busy = true;
  try {
    const response = await fetch(keepAliveUrl, {
      method: 'POST', credentials: 'same-origin', redirect: 'manual', headers: { accept: 'application/json', 'x-csrf-token': csrf() },
    });
    if (response.status === 200) moveEnd(await response.json());
    else await end();
  } catch {
    // Offline: the warning comes back on the next tick if the time is still short.
  } finally {
    clock.busy = false;
  }
}

function signOutForm() {
  return document.querySelector('form.app-sign-out');
}

/** Time is up: drafts saved, signed out, and the sign-in page says why and returns here afterwards. */
async function end() {
  if (clock.ending) return;
  clock.ending = true;
  closeDialog();
  const saved = drafts ? await drafts.saveAll() : true;
  const form = signOutForm();
  if (form) {
    await fetch(form.action, { method: 'POST', credentials: 'same-origin', redirect: 'manual', body: new URLSearchParams({ _csrf: csrf() }) }).catch(() => undefined);
  }
  const from = encodeURIComponent(window.location.pathname + window.location.search);
  window.location.assign(`${timedOutUrl}?from=${from}${saved ? '' : '&drafts=unsaved'}`);
}

async function signOut() {
  clock.ending = true;
  closeDialog();
  if (drafts) await drafts.saveAll();
  signOutForm()?.submit();
}

async function tick() {
  if (clock.busy || clock.ending) return;
  const lead = seconds('sessionWarningSeconds');
  if (clock.end - Date.now() > lead) return closeDialog();
  clock.busy = true;
  try {
    // Another tab may have kept the session alive: ask before warning, before ending, and now and then between.
    const due = !dialog || clock.end - Date.now() <= END_MARGIN_MS || Date.now() - clock.asked >= RECHECK_MS;
    if (due && !(await askServer())) return void (await end());
    const left = clock.end - Date.now();
    if (left > lead) return closeDialog();
    if (left <= END_MARGIN_MS) return void (await end());
    if (dialog) showCountdown(left);
    else openDialog(left);
  } finally {
    clock.busy = false;
  }
}

if (keepAliveUrl && timedOutUrl && document.getElementById('app-timeout-dialog')) {
  setInterval(() => void tick(), 1000);
}
