/** The pure parts of alerts: e-mail wording, retry waits, the escalation setting, live-event payloads. */
import { describe, expect, it } from 'vitest';
import { ALERT_KINDS, emailFor } from '../../src/modules/alerts/alert-kinds.ts';
import { retryDelayMs } from '../../src/modules/alerts/outbox.ts';
import { DEFAULT_ESCALATE_AFTER_HOURS, escalateAfterHours } from '../../src/modules/alerts/sweeps.ts';
import { parseLiveEvent } from '../../src/modules/live/announce.ts';

describe('alert e-mails', () => {
  it('say what kind of alert it is and nothing else, for every kind', () => {
    for (const kind of ALERT_KINDS) {
      for (const external of [false, true]) {
        const { subject, body } = emailFor(kind, external);
        expect(subject).toMatch(/^Homeward: /);
        // No placeholders a caller could fill with a name: the text is fixed per kind.
        expect(`${subject}${body}`).not.toMatch(/\$\{|\{\{/);
      }
    }
    expect(emailFor('high_risk_incident', false).subject).toBe('Homeward: high-risk missing incident needs your acknowledgement');
    expect(emailFor('ola_child_missing', true).body).toMatch(/confirm that you have received this alert/);
  });
});

describe('retry waits', () => {
  it('double from one minute and stop growing at an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => retryDelayMs(n) / 60_000)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });
});

describe('escalation time', () => {
  it('uses the authority setting when it is a positive number, else the default', () => {
    expect(escalateAfterHours({ alerts: { escalateAfterHours: 1.5 } })).toBe(1.5);
    for (const bad of [{}, { alerts: {} }, { alerts: { escalateAfterHours: 0 } }, { alerts: { escalateAfterHours: '2' } }, { alerts: { escalateAfterHours: -3 } }]) {
      expect(escalateAfterHours(bad)).toBe(DEFAULT_ESCALATE_AFTER_HOURS);
    }
  });
});

describe('live events', () => {
  it('accept only an authority and a known topic', () => {
    expect(parseLiveEvent('{"a":"891","t":"incidents"}')).toEqual({ authorityCode: '891', topic: 'incidents' });
    expect(parseLiveEvent('{"a":"891","t":"children"}')).toBeNull();
    expect(parseLiveEvent('{"t":"alerts"}')).toBeNull();
    expect(parseLiveEvent('not json')).toBeNull();
  });
});
