import { describe, it, expect } from 'vitest';
import {
  NOTIFICATION_COLUMNS,
  mapHeaders,
  normaliseHeader,
  parseNotification,
  toNotificationRecord,
} from '../../src/modules/missing/notification-parse.ts';
import type { FieldError, NotificationInput } from '../../src/modules/missing/notification.ts';

/** A valid row as CSV cells, with the given cells replaced. */
function row(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    police_reference: 'NP/2024/000123',
    reported_at: '2024-06-01T10:00',
    notified_at: '01/06/2024 10:30',
    last_seen_at: '2024-06-01 08:00',
    found_at: '',
    risk_grade: 'Medium',
    forename: 'Alex',
    surname: 'Smith',
    date_of_birth: '14/02/2010',
    sex: 'F',
    la_child_id: '',
    police_person_id: '',
    missing_from: 'home',
    responsible_authority: '',
    district: 'North',
    missing_from_postcode: 'ng1 5ab',
    found_location: '',
    found_postcode: '',
    circumstances: '',
    ...overrides,
  };
}

function valueOf(record: Record<string, unknown>): NotificationInput {
  const result = parseNotification(record);
  if (!result.ok) throw new Error(`expected a valid row, got ${JSON.stringify(result.errors)}`);
  return result.value;
}

function errorsOf(record: Record<string, unknown>): FieldError[] {
  const result = parseNotification(record);
  if (result.ok) throw new Error('expected the row to be rejected');
  return result.errors;
}

describe('headers', () => {
  it('normalises case, spaces, - and _ and a BOM', () => {
    for (const name of ['Police Reference', 'police-reference', 'POLICE_REFERENCE', '\uFEFFpolice_reference']) {
      expect(normaliseHeader(name)).toBe('policereference');
    }
  });

  it('lists the contract columns in contract order', () => {
    expect(NOTIFICATION_COLUMNS).toHaveLength(19);
    expect(NOTIFICATION_COLUMNS.slice(0, 3)).toEqual(['police_reference', 'reported_at', 'notified_at']);
    expect(NOTIFICATION_COLUMNS.at(-1)).toBe('circumstances');
  });

  it('maps headers in any order and form, warning about unknown ones', () => {
    const headers = ['\uFEFFPolice Reference', 'Reported-At', 'NOTIFIED_AT', 'last seen at', 'Risk Grade',
      'Forename', 'Surname', 'Date of Birth', 'Missing From', 'Officer in case', ''];
    const mapped = mapHeaders(headers);
    expect(mapped.columns).toEqual(['police_reference', 'reported_at', 'notified_at', 'last_seen_at', 'risk_grade',
      'forename', 'surname', 'date_of_birth', 'missing_from', null, null]);
    expect(mapped.warnings).toEqual([
      { column: 'Officer in case', message: 'Unknown column "Officer in case" was ignored' },
      { column: '', message: 'A column with no name was ignored' },
    ]);
    expect(mapped.errors).toEqual([]);
  });

  it('rejects a header without a required column or with a column twice', () => {
    const mapped = mapHeaders(['reported_at', 'notified_at', 'last_seen_at', 'risk_grade', 'forename', 'surname',
      'date_of_birth', 'missing_from', 'Surname']);
    expect(mapped.columns.at(-1)).toBeNull();
    expect(mapped.errors).toEqual([
      { column: 'surname', message: 'The file has more than one surname column' },
      { column: 'police_reference', message: 'The file has no police_reference column' },
    ]);
  });

  it('accepts the full contract header', () => {
    const columns = [...NOTIFICATION_COLUMNS];
    expect(mapHeaders(columns)).toEqual({ columns, warnings: [], errors: [] });
  });
});

describe('parseNotification: a valid row', () => {
  it('gives the normalised notification', () => {
    expect(valueOf(row())).toEqual({
      policeReference: 'NP/2024/000123',
      reportedAt: new Date('2024-06-01T09:00:00.000Z'),
      notifiedAt: new Date('2024-06-01T09:30:00.000Z'),
      lastSeenAt: new Date('2024-06-01T07:00:00.000Z'),
      foundAt: null,
      riskGrade: 'medium',
      forename: 'Alex',
      surname: 'Smith',
      dateOfBirth: '2010-02-14',
      sex: 'female',
      laChildId: null,
      policePersonId: null,
      missingFrom: 'home',
      responsibleAuthority: null,
      district: 'North',
      missingFromPostcode: 'NG1 5AB',
      foundLocation: null,
      foundPostcode: null,
      circumstances: null,
    });
  });

  it('trims, treats null/undefined/blank as absent and strips control characters', () => {
    const value = valueOf(row({ forename: '  Al\u0000ex ', sex: null, district: undefined, found_location: '   ',
      circumstances: 'Left after\r\nan argument.\tTook\u0007 a bag\u009b' }));
    expect(value.forename).toBe('Alex');
    expect(value.sex).toBeNull();
    expect(value.district).toBeNull();
    expect(value.foundLocation).toBeNull();
    expect(value.circumstances).toBe('Left after\nan argument.\tTook a bag');
  });

  it('allows equal times and found_at after last_seen_at', () => {
    const value = valueOf(row({ reported_at: '2024-06-01T08:00', notified_at: '2024-06-01T08:00',
      found_at: '02/06/2024 08:00' }));
    expect(value.foundAt).toEqual(new Date('2024-06-02T07:00:00.000Z'));
  });
});

describe('parseNotification: required fields', () => {
  const required = ['police_reference', 'reported_at', 'notified_at', 'last_seen_at', 'risk_grade', 'forename',
    'surname', 'date_of_birth', 'missing_from'];
  it.each(required)('%s blank', (column) => {
    expect(errorsOf(row({ [column]: '  ' }))).toEqual([{ column, message: `${column} is missing` }]);
  });
  it.each(required)('%s absent', (column) => {
    expect(errorsOf(row({ [column]: undefined }))).toEqual([{ column, message: `${column} is missing` }]);
  });

  it('needs responsible_authority for ola care only', () => {
    expect(errorsOf(row({ missing_from: 'ola care' }))).toEqual([
      { column: 'responsible_authority', message: 'responsible_authority is needed when missing_from is ola care' },
    ]);
    expect(valueOf(row({ missing_from: 'care' })).responsibleAuthority).toBeNull();
  });

  it.each([123, true, {}, ['x']])('rejects a JSON value that is not text: %j', (bad) => {
    expect(errorsOf(row({ police_reference: bad }))).toEqual([
      { column: 'police_reference', message: 'police_reference must be text' },
    ]);
  });
});

describe('parseNotification: police_reference', () => {
  it('accepts letters, digits and - / _ . up to 50 characters', () => {
    expect(valueOf(row({ police_reference: 'A'.repeat(50) })).policeReference).toBe('A'.repeat(50));
    expect(valueOf(row({ police_reference: 'NP-24/001_a.2' })).policeReference).toBe('NP-24/001_a.2');
  });
  it('rejects 51 characters', () => {
    expect(errorsOf(row({ police_reference: 'A'.repeat(51) }))).toEqual([
      { column: 'police_reference', message: 'police_reference is too long (at most 50 characters)' },
    ]);
  });
  it.each(['NP 2024', 'NP#1', 'NP,1', 'NP\u00e91'])('rejects %j', (reference) => {
    expect(errorsOf(row({ police_reference: reference }))).toEqual([
      { column: 'police_reference', message: 'police_reference may only contain letters, digits and - / _ .' },
    ]);
  });
});

describe('parseNotification: choices', () => {
  it.each([
    ['HIGH', 'high'], [' Very Low ', 'very low'], ['very-low', 'very low'], ['No Apparent Risk', 'no apparent risk'],
    ['absent', 'no apparent risk'], ['ABSENT', 'no apparent risk'],
  ])('risk_grade %j → %s', (text, grade) => {
    expect(valueOf(row({ risk_grade: text })).riskGrade).toBe(grade);
  });
  it('rejects an unknown risk_grade', () => {
    expect(errorsOf(row({ risk_grade: 'urgent' }))).toEqual([
      { column: 'risk_grade', message: 'risk_grade must be one of high, medium, low, very low, no apparent risk' },
    ]);
  });

  it.each(['ola care', 'OLA Care', 'ola-care', 'ola_care', 'olacare'])('missing_from %j → ola care', (text) => {
    const value = valueOf(row({ missing_from: text, responsible_authority: 'Leicester City Council' }));
    expect(value.missingFrom).toBe('ola care');
    expect(value.responsibleAuthority).toBe('Leicester City Council');
  });
  it('rejects an unknown missing_from', () => {
    expect(errorsOf(row({ missing_from: 'school' }))).toEqual([
      { column: 'missing_from', message: 'missing_from must be one of home, care, ola care' },
    ]);
  });

  it.each([['m', 'male'], ['Male', 'male'], ['F', 'female'], ['FEMALE', 'female'], ['', null]])(
    'sex %j → %s', (text, sex) => {
      expect(valueOf(row({ sex: text })).sex).toBe(sex);
    });
  it('rejects an unknown sex', () => {
    expect(errorsOf(row({ sex: 'x' }))).toEqual([
      { column: 'sex', message: 'sex must be one of male, female, m, f (or left blank)' },
    ]);
  });
});

describe('parseNotification: date_of_birth', () => {
  it.each([['2010-02-14', '2010-02-14'], ['14/2/2010', '2010-02-14'], ['29/02/2008', '2008-02-29']])(
    '%s → %s', (text, iso) => {
      expect(valueOf(row({ date_of_birth: text })).dateOfBirth).toBe(iso);
    });
  it.each([
    ['31/02/2010', 'date_of_birth 31/02/2010 is not a real date'],
    ['2010-02-30', 'date_of_birth 2010-02-30 is not a real date'],
    ['14 Feb 2010', 'date_of_birth must be a date like 28/02/2010 or 2010-02-28'],
    ['2010/02/14', 'date_of_birth must be a date like 28/02/2010 or 2010-02-28'],
    ['2024-06-02', 'date_of_birth is after last_seen_at'],
    ['2006-06-01', 'the child was 18 or over at last_seen_at: Homeward records children only'],
    ['1990-01-01', 'the child was 18 or over at last_seen_at: Homeward records children only'],
  ])('%s: %s', (text, message) => {
    expect(errorsOf(row({ date_of_birth: text }))).toEqual([{ column: 'date_of_birth', message }]);
  });
  it('accepts a child the day before their 18th birthday and a baby born that day', () => {
    expect(valueOf(row({ date_of_birth: '2006-06-02' })).dateOfBirth).toBe('2006-06-02');
    expect(valueOf(row({ date_of_birth: '2024-06-01' })).dateOfBirth).toBe('2024-06-01');
  });
  it('measures age on the London date of last_seen_at', () => {
    // 23:30 UTC on 31 May is 00:30 on 1 June in London: the 18th birthday.
    expect(errorsOf(row({ date_of_birth: '2006-06-01', last_seen_at: '2024-05-31T23:30:00Z',
      reported_at: '2024-06-01T10:00' }))).toEqual([
      { column: 'date_of_birth', message: 'the child was 18 or over at last_seen_at: Homeward records children only' },
    ]);
  });
});

describe('parseNotification: timestamps', () => {
  it.each(['reported_at', 'notified_at', 'last_seen_at', 'found_at'])('%s without a time', (column) => {
    const errors = errorsOf(row({ [column]: '01/06/2024' }));
    expect(errors).toEqual([
      { column, message: `${column} needs a time as well as a date (a time is needed to measure 24 and 72 hours)` },
    ]);
  });
  it('rejects an impossible date, an unreadable value and a time the clocks skipped', () => {
    expect(errorsOf(row({ notified_at: '31/02/2024 10:00' }))).toEqual([
      { column: 'notified_at', message: 'notified_at 31/02/2024 10:00 is not a real date and time' },
    ]);
    expect(errorsOf(row({ notified_at: 'Saturday morning' }))).toEqual([{ column: 'notified_at',
      message: 'notified_at is not a date and time we can read (for example 31/03/2024 23:15 or 2024-03-31T23:15)' }]);
    expect(errorsOf(row({ found_at: '2025-03-30T01:30' }))).toEqual([{ column: 'found_at',
      message: 'found_at 2025-03-30T01:30 did not happen in UK time: the clocks went forward an hour then' }]);
  });
  it('checks the order of the times', () => {
    expect(errorsOf(row({ found_at: '2024-06-01T07:59' }))).toEqual([
      { column: 'found_at', message: 'found_at is before last_seen_at' },
    ]);
    expect(errorsOf(row({ reported_at: '2024-06-01T07:59', notified_at: '2024-06-01T08:30' }))).toEqual([
      { column: 'reported_at', message: 'reported_at is before last_seen_at' },
    ]);
    expect(errorsOf(row({ notified_at: '2024-06-01T09:59' }))).toEqual([
      { column: 'notified_at', message: 'notified_at is before reported_at' },
    ]);
  });
  it('orders by instant, not by wall-clock text, across the clocks going back', () => {
    // 01:30+00:00 is the second 01:30 of the night, an hour after 01:45 BST.
    const value = valueOf(row({ last_seen_at: '2024-10-27T01:45', reported_at: '2024-10-27T01:30+00:00',
      notified_at: '2024-10-27T03:00', date_of_birth: '2010-02-14' }));
    expect(value.reportedAt).toEqual(new Date('2024-10-27T01:30:00.000Z'));
    expect(errorsOf(row({ last_seen_at: '2024-10-27T01:45+00:00', reported_at: '2024-10-27T01:50',
      notified_at: '2024-10-27T03:00' }))).toEqual([
      { column: 'reported_at', message: 'reported_at is before last_seen_at' },
    ]);
  });
});

describe('parseNotification: free text and postcodes', () => {
  it.each([
    ['forename', 100], ['surname', 100], ['district', 100], ['responsible_authority', 100], ['la_child_id', 50],
    ['police_person_id', 50], ['found_location', 2000], ['circumstances', 2000],
  ])('%s allows %i characters and no more', (column, max) => {
    expect(parseNotification(row({ [column]: 'x'.repeat(max) })).ok).toBe(true);
    expect(errorsOf(row({ [column]: 'x'.repeat(max + 1) }))).toEqual([
      { column, message: `${column} is too long (at most ${max} characters)` },
    ]);
  });
  it('counts characters, not UTF-16 units', () => {
    expect(valueOf(row({ forename: '\u{1F600}'.repeat(100) })).forename).toHaveLength(200);
  });
  it.each([['ng1 5ab', 'NG1 5AB'], ['SW1A1AA', 'SW1A 1AA'], [' m1  1ae ', 'M1 1AE'], ['B33 8TH', 'B33 8TH'],
    ['cr2 6xh', 'CR2 6XH'], ['DN55 1PT', 'DN55 1PT'], ['GIR 0AA', 'GIR 0AA']])('postcode %j → %s', (text, code) => {
    const value = valueOf(row({ missing_from_postcode: text, found_postcode: text }));
    expect([value.missingFromPostcode, value.foundPostcode]).toEqual([code, code]);
  });
  it.each(['NG1', 'NG1 5A', '12345', 'NG1 5AB X', 'NGG 5AB', '1NG 5AB'])('rejects postcode %j', (text) => {
    expect(errorsOf(row({ missing_from_postcode: text, found_postcode: text }))).toEqual([
      { column: 'missing_from_postcode', message: 'missing_from_postcode is not a valid UK postcode' },
      { column: 'found_postcode', message: 'found_postcode is not a valid UK postcode' },
    ]);
  });
});

describe('parseNotification: several problems', () => {
  it('reports every error of the row together, without echoing names', () => {
    const errors = errorsOf(row({ police_reference: '', reported_at: '2024-06-01', found_at: '2024-05-31T10:00',
      risk_grade: 'urgent', forename: 'Zebedee'.repeat(20), date_of_birth: '31/02/2010', missing_from: 'ola care',
      found_postcode: 'nowhere' }));
    expect(errors).toEqual([
      { column: 'police_reference', message: 'police_reference is missing' },
      { column: 'reported_at',
        message: 'reported_at needs a time as well as a date (a time is needed to measure 24 and 72 hours)' },
      { column: 'found_at', message: 'found_at is before last_seen_at' },
      { column: 'risk_grade', message: 'risk_grade must be one of high, medium, low, very low, no apparent risk' },
      { column: 'forename', message: 'forename is too long (at most 100 characters)' },
      { column: 'date_of_birth', message: 'date_of_birth 31/02/2010 is not a real date' },
      { column: 'responsible_authority', message: 'responsible_authority is needed when missing_from is ola care' },
      { column: 'found_postcode', message: 'found_postcode is not a valid UK postcode' },
    ]);
    expect(JSON.stringify(errors)).not.toMatch(/Zebedee|Smith/);
  });
});

describe('toNotificationRecord', () => {
  const full: NotificationInput = {
    policeReference: 'EM/2024/0042',
    reportedAt: new Date('2024-03-31T22:15:00Z'),
    notifiedAt: new Date('2024-03-31T23:40:00.500Z'),
    lastSeenAt: new Date('2024-03-31T00:30:00Z'),
    foundAt: new Date('2024-10-27T00:30:00Z'),
    riskGrade: 'no apparent risk',
    forename: 'Sam',
    surname: "O'Neill",
    dateOfBirth: '2008-02-29',
    sex: 'male',
    laChildId: 'LA-991',
    policePersonId: 'P/77',
    missingFrom: 'ola care',
    responsibleAuthority: 'Derbyshire County Council',
    district: 'Gedling',
    missingFromPostcode: 'NG4 1AA',
    foundLocation: 'Victoria bus station,\n"near the café"',
    foundPostcode: 'NG1 3AL',
    circumstances: 'Left after school.\tDid not return.',
  };

  it('writes contract cells with London ISO times', () => {
    const record = toNotificationRecord(full);
    expect(Object.keys(record)).toEqual([...NOTIFICATION_COLUMNS]);
    expect(record.reported_at).toBe('2024-03-31T23:15:00+01:00');
    expect(record.notified_at).toBe('2024-04-01T00:40:00.500+01:00');
    expect(record.last_seen_at).toBe('2024-03-31T00:30:00+00:00');
    expect(record.found_at).toBe('2024-10-27T01:30:00+01:00');
    expect(record.missing_from).toBe('ola care');
  });

  it('round-trips through parseNotification', () => {
    expect(valueOf(toNotificationRecord(full))).toEqual(full);
    const sparse: NotificationInput = { ...full, foundAt: null, sex: null, laChildId: null, policePersonId: null,
      missingFrom: 'home', responsibleAuthority: null, district: null, missingFromPostcode: null,
      foundLocation: null, foundPostcode: null, circumstances: null, riskGrade: 'high' };
    const record = toNotificationRecord(sparse);
    expect(record.found_at).toBe('');
    expect(valueOf(record)).toEqual(sparse);
  });
});
