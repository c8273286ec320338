import { describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/actor.ts';
import { IntakeBatch, type Known } from '../../src/modules/missing/intake-batch.ts';
import type { ChildRow } from '../../src/modules/missing/intake.repository.ts';
import type { NotificationInput } from '../../src/modules/missing/notification.ts';

const NOW = new Date('2026-11-21T10:00:00Z');
const actor = systemActor('891', '11111111-1111-1111-1111-111111111111');

function notification(overrides: Partial<NotificationInput> = {}): NotificationInput {
  return {
    policeReference: 'REF-1', reportedAt: new Date('2026-11-20T20:00:00Z'), notifiedAt: new Date('2026-11-20T21:00:00Z'),
    lastSeenAt: new Date('2026-11-20T19:00:00Z'), foundAt: null, riskGrade: 'medium', forename: 'Maya', surname: 'Fenwick',
    dateOfBirth: '2011-05-04', sex: 'female', laChildId: null, policePersonId: null, missingFrom: 'home',
    responsibleAuthority: null, district: null, missingFromPostcode: null, foundLocation: null, foundPostcode: null,
    circumstances: null, ...overrides,
  };
}

function known(children: Partial<ChildRow>[] = [], knownNames: Known['knownNames'] = []): Known {
  return {
    incidentsByRef: new Map(), children: children as ChildRow[], knownNames, carePeriodsByChild: new Map(),
    openIncidentByChild: new Map(), districtIds: new Map(),
  };
}

const existing = { id: 'c-1', forenameNorm: 'maya', surnameNorm: 'fenwick', dateOfBirth: '2011-05-04', laChildId: 'LA1', policePersonId: null };

function run(k: Known, ...inputs: NotificationInput[]) {
  const batch = new IntakeBatch(k, { actor, source: 'csv', now: NOW, actorUserId: null });
  inputs.forEach((input, i) => batch.decide({ line: i + 2, input }));
  return batch.result;
}

describe('intake batch decisions', () => {
  it('links an exact match of normalised names and date of birth to the known child', () => {
    const r = run(known([existing]), notification({ forename: ' MAYA ', surname: "Fen-wick" }));
    expect(r.outcomes[0]?.childId).toBe('c-1');
    expect(r.children).toHaveLength(0);
  });

  it('does not link a known alias silently: it creates a child and asks a person', () => {
    const r = run(known([], [{ childId: 'c-9', forenameNorm: 'mia', surnameNorm: 'stone', dateOfBirth: '2011-05-04' }]), notification({ forename: 'Mia', surname: 'Stone' }));
    expect(r.children).toHaveLength(1);
    expect(r.possibleMatches).toEqual([expect.objectContaining({ candidateChildId: 'c-9', reason: 'Same date of birth and a name the child is known by' })]);
  });

  it('treats a notification with an LA id it does not hold as a different child, even with the same names', () => {
    const r = run(known([existing]), notification({ laChildId: 'LA-OTHER' }));
    expect(r.children).toHaveLength(1);
    expect(r.possibleMatches[0]?.reason).toBe('Same forename, surname and date of birth');
  });

  it('rejects a second open incident for a child already missing in the same batch', () => {
    const r = run(known([existing]), notification(), notification({ policeReference: 'REF-2', lastSeenAt: new Date('2026-11-21T01:00:00Z'), reportedAt: new Date('2026-11-21T02:00:00Z') }));
    expect(r.outcomes.map((o) => o.status)).toEqual(['accepted', 'rejected']);
    expect(r.outcomes[1]?.errors[0]?.message).toContain('already recorded as missing under REF-1');
  });

  it('updates the incident created earlier in the same batch when the reference comes again with found_at', () => {
    const found = new Date('2026-11-21T03:00:00Z');
    const r = run(known([existing]), notification(), notification({ foundAt: found }));
    expect(r.outcomes.map((o) => o.status)).toEqual(['accepted', 'updated']);
    expect(r.changes).toEqual([expect.objectContaining({ field: 'foundAt', oldValue: null, newValue: found.toISOString() })]);
  });
});

describe('closing and reopening in one batch', () => {
  it('puts found_at into the insert row of an incident created earlier in the batch, so the next one can open', () => {
    const found = new Date('2026-11-21T03:00:00Z');
    const r = run(
      known([existing]),
      notification({ policeReference: 'X1', laChildId: 'LA1' }),
      notification({ policeReference: 'X1', laChildId: 'LA1', foundAt: found }),
      notification({ policeReference: 'Y1', laChildId: 'LA1', lastSeenAt: new Date('2026-11-21T05:00:00Z'), reportedAt: new Date('2026-11-21T06:00:00Z'), notifiedAt: new Date('2026-11-21T06:30:00Z') }),
    );
    expect(r.outcomes.map((o) => o.status)).toEqual(['accepted', 'updated', 'accepted']);
    expect(r.updates).toEqual([]);
    expect(r.incidents.map((i) => [i.policeReference, i.foundAt])).toEqual([['X1', found], ['Y1', null]]);
  });
});
