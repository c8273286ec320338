import { describe, expect, it } from 'vitest';
import { formErrors, formMessage } from '../../src/web/notifications/form-messages.ts';

describe('notification form messages', () => {
  it('asks for a missing field in the GOV.UK way', () => {
    expect(formMessage({ column: 'reported_at', message: 'reported_at is missing' })).toBe('Enter when the child was reported missing');
  });

  it('names both fields of an ordering problem by their labels', () => {
    expect(formMessage({ column: 'found_at', message: 'found_at is before last_seen_at' })).toBe(
      'When the child was found is before when the child was last seen',
    );
  });

  it('lists errors in the order the fields appear on the page', () => {
    const ordered = formErrors([
      { column: 'surname', message: 'surname is missing' },
      { column: 'police_reference', message: 'police_reference is missing' },
      { column: 'last_seen_at', message: 'last_seen_at is missing' },
    ]);
    expect(ordered.map((e) => e.column)).toEqual(['police_reference', 'last_seen_at', 'surname']);
  });
});
