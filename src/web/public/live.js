// Live updates: the server says "incidents" or "alerts" changed (server-sent events, no data about a child);
// regions marked data-live-refresh fetch the page again and swap in their new content, the alert count is
// refreshed, and a polite status message says what happened. Without JavaScript the pages work on refresh.
/* global document, window, EventSource, DOMParser, fetch, setTimeout, clearTimeout */
const status = document.getElementById('live-status');
const timers = new Map();

function say(text) {
  if (status) status.textContent = text;
}

async function refreshRegions(topic) {
  const regions = [...document.querySelectorAll(`[data-live-refresh~="${topic}"]`)];
  if (regions.length === 0) return;
  const response = await fetch(window.location.href, { headers: { accept: 'text/html' }, credentials: 'same-origin' });
  if (!response.ok) return;
  const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
  for (const region of regions) {
    // Never pull content from under someone who is working inside the region.
    if (region.contains(document.activeElement) && document.activeElement !== document.body) continue;
    const replacement = fresh.getElementById(region.id);
    if (replacement) region.innerHTML = replacement.innerHTML;
  }
  const time = new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  say(topic === 'incidents' ? `The board was updated at ${time}.` : `Alerts were updated at ${time}.`);
}

async function refreshAlertCount() {
  const badge = document.querySelector('[data-live-alert-count]');
  if (!badge) return;
  const response = await fetch('/alerts/count', { credentials: 'same-origin' });
  if (!response.ok) return;
  const { open } = await response.json();
  if (badge.firstChild) badge.firstChild.nodeValue = String(open);
  badge.classList.toggle('app-alert-count--none', open === 0);
}

function soon(topic, work) {
  clearTimeout(timers.get(topic));
  timers.set(topic, setTimeout(() => void work().catch(() => undefined), 300));
}

if ('EventSource' in window) {
  const source = new EventSource('/events');
  source.addEventListener('incidents', () => soon('incidents', () => refreshRegions('incidents')));
  source.addEventListener('alerts', () => {
    soon('alerts', () => refreshRegions('alerts'));
    soon('alert-count', refreshAlertCount);
  });
  document.documentElement.dataset.liveConnected = 'yes';
}
