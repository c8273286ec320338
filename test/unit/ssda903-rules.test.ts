/**
 * The 19 SSDA903 Missing-table rules (uk-standards.md 2.2): each with a row that passes and one that fails,
 * and, for the rules that build periods of care, the validator's own worked examples.
 */
import { describe, expect, it } from 'vitest';
import { collectionYear } from '../../src/modules/exports/dates.ts';
import { runSsda903Rules, SSDA903_RULES } from '../../src/modules/exports/ssda903/rules/index.ts';
import type { EpisodeRow, HeaderRow, MissingRow, RuleFailure, Ssda903Tables } from '../../src/modules/exports/ssda903/tables.ts';

const collection = collectionYear(2024);

const missing = (over: Partial<MissingRow> = {}): MissingRow => ({ CHILD: 'C1', DOB: '01/06/2008', MISSING: 'M', MIS_START: '05/06/2023', MIS_END: '07/06/2023', ...over });
const episode = (over: Partial<EpisodeRow> = {}): EpisodeRow => ({
  CHILD: 'C1', DECOM: '01/01/2023', RNE: 'S', LS: '', CIN: '', PLACE: '', PLACE_PROVIDER: '', DEC: '', REC: '',
  REASON_PLACE_CHANGE: '', HOME_POST: '', PL_POST: '', URN: '', ...over,
});
const header = (over: Partial<HeaderRow> = {}): HeaderRow => ({ CHILD: 'C1', SEX: '2', DOB: '01/06/2008', ETHNIC: '', UPN: '', MOTHER: '', MC_DOB: '', ...over });

interface Case {
  missing?: MissingRow[];
  episodes?: EpisodeRow[];
  header?: HeaderRow[];
  missingLast?: MissingRow[];
}

function check(code: string, c: Case): RuleFailure[] {
  const rule = SSDA903_RULES.find((r) => r.code === code);
  if (!rule) throw new Error(`no rule ${code}`);
  const tables: Ssda903Tables = { header: c.header ?? [header()], episodes: c.episodes ?? [episode()], missing: c.missing ?? [] };
  return rule.check({ tables, missingLast: c.missingLast ?? [], collection });
}

const lines = (failures: RuleFailure[]) => failures.map((f) => f.row);

const CASES: { code: string; pass: Case; fail: Case; line: number; says: string }[] = [
  { code: '1004', pass: { missing: [missing()] }, fail: { missing: [missing(), missing({ MIS_START: '2023-07-01' })] }, line: 3, says: '"2023-07-01" is not a date written dd/mm/yyyy' },
  { code: '1005', pass: { missing: [missing({ MIS_END: '' })] }, fail: { missing: [missing({ MIS_END: '31/02/2024' })] }, line: 2, says: '"31/02/2024" is not a date' },
  { code: '1006', pass: { missing: [missing({ MISSING: 'A' }), missing({ MISSING: '' })] }, fail: { missing: [missing({ MISSING: 'm' })] }, line: 2, says: 'neither M (missing) nor A' },
  { code: '564', pass: { missing: [missing({ MISSING: '', MIS_START: '' })] }, fail: { missing: [missing({ MISSING: 'a', MIS_START: '' })] }, line: 2, says: 'has a type (a) but no start date' },
  { code: '565', pass: { missing: [missing()] }, fail: { missing: [missing({ MISSING: '' })] }, line: 2, says: 'start date but no type' },
  { code: '566', pass: { missing: [missing({ MISSING: '', MIS_END: '' })] }, fail: { missing: [missing({ MISSING: ' ' })] }, line: 2, says: 'end date but no type' },
  { code: '567', pass: { missing: [missing({ MIS_START: '05/06/2023', MIS_END: '05/06/2023' })] }, fail: { missing: [missing({ MIS_START: '05/06/2023', MIS_END: '04/06/2023' })] }, line: 2, says: 'ends (04/06/2023) before it starts (05/06/2023)' },
  { code: '570', pass: { missing: [missing({ MIS_START: '31/03/2024', MIS_END: '' })] }, fail: { missing: [missing({ MIS_START: '01/04/2024', MIS_END: '' })] }, line: 2, says: 'starts (01/04/2024) after the collection year ends (31/03/2024)' },
  { code: '571', pass: { missing: [missing({ MIS_START: '20/03/2023', MIS_END: '01/04/2023' })] }, fail: { missing: [missing({ MIS_START: '20/03/2023', MIS_END: '31/03/2023' })] }, line: 2, says: 'outside the collection year (01/04/2023 to 31/03/2024)' },
  {
    code: '574',
    pass: { missing: [missing({ MIS_START: '01/06/2023', MIS_END: '05/06/2023' }), missing({ MIS_START: '05/06/2023', MIS_END: '' })] },
    fail: { missing: [missing({ MIS_START: '01/06/2023', MIS_END: '05/06/2023' }), missing({ MIS_START: '04/06/2023', MIS_END: '09/06/2023' })] },
    line: 3, says: 'starts on 04/06/2023, before another episode of this child (01/06/2023 to 05/06/2023, line 2) ended',
  },
  {
    code: '575',
    pass: { episodes: [episode({ DECOM: '01/01/2023', DEC: '10/06/2023', REC: 'X1' }), episode({ DECOM: '10/06/2023' })], missing: [missing({ MIS_START: '12/06/2023', MIS_END: '' })] },
    fail: { episodes: [episode({ DECOM: '01/01/2023', DEC: '10/06/2023', REC: 'X1' }), episode({ DECOM: '10/06/2023' })], missing: [missing({ MIS_START: '08/06/2023', MIS_END: '' })] },
    line: 2, says: 'the placement it started in ended on 10/06/2023',
  },
  {
    code: '576',
    pass: { missing: [missing({ MIS_START: '20/03/2023', MIS_END: '02/04/2023' }), missing()], missingLast: [missing({ MIS_START: '20/03/2023', MIS_END: '' })] },
    fail: { missing: [missing({ MIS_START: '01/04/2023', MIS_END: '02/04/2023' })], missingLast: [missing({ MIS_START: '20/03/2023', MIS_END: '' })] },
    line: 2, says: 'open since 20/03/2023, but this year\'s first episode starts on 01/04/2023',
  },
  {
    code: '577',
    pass: { episodes: [episode({ DEC: '30/06/2023', REC: '' })], missing: [missing({ MIS_START: '05/06/2023', MIS_END: '30/06/2023' })] },
    fail: { episodes: [episode({ DEC: '30/06/2023', REC: '' })], missing: [missing({ MIS_START: '05/06/2023', MIS_END: '' })] },
    line: 2, says: 'still open, but the period of care 01/01/2023 to 30/06/2023 has ended',
  },
  {
    code: '578',
    pass: { episodes: [episode({ DEC: '30/06/2023' })], missing: [missing({ MIS_START: '30/06/2023', MIS_END: '30/06/2023' })] },
    fail: { episodes: [episode({ DEC: '30/06/2023' })], missing: [missing({ MIS_START: '01/07/2023', MIS_END: '02/07/2023' })] },
    line: 2, says: 'starts (01/07/2023) outside the period of care 01/01/2023 to 30/06/2023',
  },
  {
    code: '580',
    pass: { header: [header({ DOB: '15/09/2005' })], episodes: [episode({ DEC: '15/09/2023', REC: 'E8' })], missing: [missing({ DOB: '15/09/2005', MIS_START: '10/09/2023', MIS_END: '15/09/2023' })] },
    fail: { header: [header({ DOB: '15/09/2005' })], episodes: [episode({ DEC: '15/09/2023', REC: 'E17' })], missing: [missing({ DOB: '15/09/2005', MIS_START: '10/09/2023', MIS_END: '15/09/2023' })] },
    line: 2, says: 'still missing on their 18th birthday (15/09/2023)',
  },
  {
    code: '581',
    pass: { episodes: [episode({ DECOM: '05/06/2023' })], missing: [missing({ MIS_START: '05/06/2023' })] },
    fail: { episodes: [episode({ DECOM: '06/06/2023' })], missing: [missing({ MIS_START: '05/06/2023' })] },
    line: 2, says: 'starts (05/06/2023) outside every episode of care',
  },
  { code: '586', pass: { missing: [missing({ DOB: '04/06/2023', MIS_START: '05/06/2023' })] }, fail: { missing: [missing({ DOB: '05/06/2023', MIS_START: '05/06/2023' })] }, line: 2, says: 'on or before the date of birth (05/06/2023)' },
  { code: 'INT04', pass: { missing: [missing()] }, fail: { missing: [missing(), missing({ CHILD: 'C2' })] }, line: 3, says: 'not in the Header table' },
  { code: 'INT13', pass: { missing: [missing()] }, fail: { missing: [missing({ DOB: '02/06/2008' })] }, line: 2, says: 'date of birth (02/06/2008) differs from the Header table\'s (01/06/2008)' },
];

describe('the SSDA903 Missing-table rules', () => {
  it('are the 19 rules of uk-standards.md 2.2, each with its own code', () => {
    expect(SSDA903_RULES.map((r) => r.code).sort()).toEqual(
      ['1004', '1005', '1006', '564', '565', '566', '567', '570', '571', '574', '575', '576', '577', '578', '580', '581', '586', 'INT04', 'INT13'].sort(),
    );
    expect(CASES.map((c) => c.code).sort()).toEqual(SSDA903_RULES.map((r) => r.code).sort());
  });

  describe.each(CASES)('rule $code', ({ code, pass, fail, line, says }) => {
    it('passes a valid row', () => {
      expect(check(code, pass)).toEqual([]);
    });

    it('fails the broken row, naming the rule, the line, the child and what is wrong', () => {
      const failures = check(code, fail);
      expect(failures).toHaveLength(1);
      expect(failures[0]).toMatchObject({ rule: code, row: line, child: fail.missing?.[line - 2]?.CHILD ?? 'C1' });
      expect(failures[0]?.message).toContain(says);
    });
  });
});

describe('rules that build periods of care agree with the validator’s own examples', () => {
  it('574: open and overlapping periods, touching dates allowed', () => {
    const rows = [
      ['111', '01/06/2020', '05/06/2020'], ['111', '04/06/2020', ''], ['222', '03/06/2020', '04/06/2020'], ['222', '04/06/2020', ''],
      ['222', '07/06/2020', '09/06/2020'], ['333', '02/06/2020', '04/06/2020'], ['333', '03/06/2020', '09/06/2020'], ['444', '06/06/2020', '08/06/2020'],
      ['444', '10/06/2020', '10/06/2020'], ['444', '08/06/2020', '10/08/2020'], ['555', '', '05/06/2020'], ['555', '', '05/06/2020'],
    ].map(([CHILD = '', MIS_START = '', MIS_END = '']) => missing({ CHILD, MIS_START, MIS_END }));
    // The validator's rows 0, 4, 6 and 9: lines 2, 6, 8 and 11 of the file.
    expect(lines(check('574', { missing: rows }))).toEqual([2, 6, 8, 11]);
  });

  it('577 and 578: a row fails only when it is outside every period of care of the child', () => {
    const eps = [
      ['1', '01/04/1977', '31/03/1981'], ['2', '01/04/1979', '30/03/1981'], ['88', '01/05/1980', '01/01/1981'], ['3', '01/04/1980', '01/01/1981'],
      ['3', '01/04/2020', '01/01/2021'], ['3', '01/01/2021', '05/10/2021'], ['4', '01/04/1981', ''], ['5', '01/04/1978', '01/01/1981'],
      ['5', '01/01/1981', '01/01/1990'], ['5', '01/04/1983', '04/06/2020'], ['6', '01/04/1983', '04/06/2020'], ['7', '01/04/1983', '04/06/2020'],
      ['8', '01/04/1983', '04/06/2020'], ['9', '01/01/2020', '04/06/2020'], ['9', '04/06/2020', '11/08/2020'], ['9', '11/08/2020', '01/12/2020'],
      ['9', '22/12/2020', '25/12/2020'], ['9', '01/01/2021', '22/02/2021'], ['9', '22/02/2021', '08/08/2021'], ['9', '08/08/2021', ''],
    ].map(([CHILD = '', DECOM = '', DEC = '']) => episode({ CHILD, DECOM, DEC }));
    const rows = [
      ['1', '01/01/1981', ''], ['2', '01/01/1981', '02/06/2020'], ['3', '01/01/1981', '03/06/2022'], ['3', '01/01/1981', '03/06/2020'],
      ['4', '01/01/1981', '04/06/2020'], ['5', '01/01/1981', '01/01/1982'], ['5', '01/01/1981', '01/01/2000'], ['6', '01/01/1981', '01/01/1981'],
      ['7', '', '01/01/1981'], ['8', '01/01/1981', ''], ['9', '01/01/2020', ''], ['9', '01/01/2021', ''], ['9', '04/06/2020', '04/06/2021'],
    ].map(([CHILD = '', MIS_START = '', MIS_END = '']) => missing({ CHILD, MIS_START, MIS_END }));
    // The validator's rows 0, 1, 2, 7, 9 and 10.
    expect(lines(check('577', { episodes: eps, missing: rows }))).toEqual([2, 3, 4, 9, 11, 12]);
    // 578 looks at the start only: the validator's rows 0, 1, 2 and 7; a child with no episodes (77) never fails it.
    const starts = [['1', '01/06/2020'], ['2', '02/06/2020'], ['3', '03/06/2022'], ['3', '03/06/2020'], ['4', '04/06/2020'], ['5', '01/01/1982'], ['5', '01/01/2000'], ['6', '01/01/1981'], ['77', '01/01/1981']]
      .map(([CHILD = '', MIS_START = '']) => missing({ CHILD, MIS_START, MIS_END: '' }));
    expect(lines(check('578', { episodes: eps, missing: starts }))).toEqual([2, 3, 4, 9]);
  });

  it('581: before, between and after episodes', () => {
    const eps = [['111', '01/06/2020', '10/06/2020'], ['222', '06/06/2020', '10/06/2020'], ['444', '08/06/2020', '10/06/2020'], ['444', '12/06/2020', ''], ['555', '15/06/2020', '20/06/2020']]
      .map(([CHILD = '', DECOM = '', DEC = '']) => episode({ CHILD, DECOM, DEC }));
    const rows = [['111', '01/06/2020'], ['222', '05/06/2020'], ['444', '08/06/2020'], ['444', '11/06/2020'], ['444', '19/06/2020'], ['555', '21/06/2020'], ['999', '01/01/2020']]
      .map(([CHILD = '', MIS_START = '']) => missing({ CHILD, MIS_START, MIS_END: '' }));
    // A child with no episodes at all is left to INT04.
    expect(lines(check('581', { episodes: eps, missing: rows }))).toEqual([3, 5, 7]);
  });
});

describe('running every rule', () => {
  it('lists every failure, Episodes before Missing, by line, then by rule', () => {
    const failures = runSsda903Rules({
      collection,
      missingLast: [],
      tables: {
        header: [header()],
        episodes: [episode({ DEC: '30/06/2023' })],
        missing: [missing({ MIS_START: '01/07/2023', MIS_END: '' }), missing({ CHILD: 'C9', MISSING: 'X' })],
      },
    });
    expect(failures.map((f) => `${f.rule}:${f.table}:${f.row}`)).toEqual(['577:Missing:2', '578:Missing:2', '581:Missing:2', '1006:Missing:3', 'INT04:Missing:3']);
  });
});
