/**
 * Small-number suppression (metrics.md): counts 1-4 shown as "<5"; a second cell hidden ("[c]") where a hidden
 * one could be worked out from its total; percentages and ratios left alone; the threshold set per authority.
 * The property test plays a reader who knows the rules and tries every value the hidden cells could take.
 */
import { describe, expect, it } from 'vitest';
import type { Report, ReportRow, ReportTable } from '../../src/modules/reports/framework.ts';
import { parsePeriod } from '../../src/modules/reports/framework.ts';
import { operationalReport, suppressionThreshold, suppressReport, suppressTable, suppressTables } from '../../src/modules/reports/suppression.ts';

const T = 5;

/** A Table 1 shaped table, one column: a total and its three parts, and an individuals row. */
function table(total: number, parts: number[], individuals = 40, threshold = T): ReportTable {
  const rows: ReportRow[] = [
    { key: 'total', label: 'Total', kind: 'count', values: { v: total } },
    ...parts.map((p, i) => ({ key: `part${i}`, label: `Part ${i}`, kind: 'count' as const, partOf: 'total', values: { v: p } })),
    { key: 'people', label: 'Relating to individuals', kind: 'individuals', values: { v: individuals } },
    { key: 'pct', label: 'Per cent', kind: 'percent', values: { v: 3.2 } },
    { key: 'ratio', label: 'Ratio', kind: 'ratio', values: { v: '1:2' } },
  ];
  return suppressTable({ id: 't', title: 'T', columns: [{ key: 'v', label: 'V' }], rows, notes: [] }, threshold);
}

const shown = (t: ReportTable) => Object.fromEntries(t.rows.map((r) => [r.key, r.values.v]));

describe('primary suppression', () => {
  it('hides counts of 1 to 4 as <5 and shows 0 and 5 as they are', () => {
    expect(shown(table(12, [0, 1, 11], 4))).toMatchObject({ part0: 0, part1: '<5', people: '<5' });
    expect(shown(table(9, [4, 5, 0], 5))).toMatchObject({ part0: '<5', part1: '[c]', part2: 0, people: 5 });
  });

  it('leaves percentages, ratios and missing values as they are', () => {
    const t = table(3, [3, 0, 0], 1);
    expect(shown(t)).toMatchObject({ pct: 3.2, ratio: '1:2', total: '<5', part0: '<5', people: '<5' });
    expect(t.notes.join(' ')).toContain('Percentages and ratios are worked out from the full figures');
  });

  it('uses the threshold given: below 10 is <10', () => {
    expect(shown(table(30, [9, 21, 0], 10, 10))).toMatchObject({ part0: '<10', part1: '[c]', people: 10 });
  });
});

describe('secondary suppression', () => {
  it('hides the next smallest part when one hidden part could be worked out from the total', () => {
    // 10 - 7 - 0 would give the 3: so the 7 is hidden too; the 0 tells nothing and stays.
    expect(shown(table(10, [3, 7, 0]))).toMatchObject({ total: 10, part0: '<5', part1: '[c]', part2: 0 });
    expect(shown(table(100, [2, 60, 38]))).toMatchObject({ total: 100, part0: '<5', part1: 60, part2: '[c]' });
  });

  it('needs nothing more when two parts are already hidden and could be several values', () => {
    expect(shown(table(20, [2, 3, 15]))).toMatchObject({ total: 20, part0: '<5', part1: '<5', part2: 15 });
  });

  it('hides more when the hidden parts could only be one thing: two ones making two', () => {
    // 20 - 18 = 2, and two counts of at least 1 making 2 are both 1.
    expect(shown(table(20, [1, 1, 18]))).toMatchObject({ part0: '<5', part1: '<5', part2: '[c]' });
  });

  it('hides the total when a small part and the next could only be 1 and 5', () => {
    // 6 = 1 + 5: "<5" and "[c]" (5 or more) could only be 1 and 5, so the total goes too.
    expect(shown(table(6, [1, 5, 0]))).toMatchObject({ total: '[c]', part0: '<5', part1: '[c]', part2: 0 });
  });

  it('works column by column', () => {
    const rows: ReportRow[] = [
      { key: 'total', label: 'Total', kind: 'count', values: { a: 10, b: 30 } },
      { key: 'home', label: 'Home', kind: 'count', partOf: 'total', values: { a: 3, b: 10 } },
      { key: 'care', label: 'Care', kind: 'count', partOf: 'total', values: { a: 7, b: 20 } },
    ];
    const t = suppressTable({ id: 't', title: 'T', columns: [{ key: 'a', label: 'A' }, { key: 'b', label: 'B' }], rows, notes: [] }, T);
    expect(t.rows.map((r) => r.values)).toEqual([{ a: 10, b: 30 }, { a: '<5', b: 10 }, { a: '[c]', b: 20 }]);
  });
});

describe('a total column beside the districts', () => {
  const districts = (values: number[][]) => suppressTable({
    id: 'd', title: 'By district', notes: [],
    columns: [{ key: 'a', label: 'Ashfield' }, { key: 'g', label: 'Gedling' }, { key: 'total', label: 'Total' }],
    rows: values.map((v, i) => ({ key: `r${i}`, label: `Row ${i}`, kind: 'count' as const, values: { a: v[0] ?? 0, g: v[1] ?? 0, total: (v[0] ?? 0) + (v[1] ?? 0) } })),
  }, T);

  it('hides the other district when one is small and the total would give it away', () => {
    expect(districts([[3, 7], [20, 30]]).rows.map((r) => r.values)).toEqual([{ a: '<5', g: '[c]', total: 10 }, { a: 20, g: 30, total: 50 }]);
  });

  it('hides a figure wherever another table repeats it: the period table repeats the district total', () => {
    // 6 = 1 + 5 leaves "<5" and "[c]" only one way to be, so the district total is hidden; the period table too.
    const byDistrict = { id: 'd', title: 'By district', notes: [], columns: [{ key: 'a', label: 'Ashfield' }, { key: 'g', label: 'Gedling' }, { key: 'total', label: 'Total' }], rows: [{ key: 'incidents', label: 'Incidents', kind: 'count' as const, values: { a: 1, g: 5, total: 6 } }] };
    const period = { id: 'p', title: 'Period', notes: [], columns: [{ key: 'q1', label: 'Q1' }], rows: [{ key: 'incidents', label: 'Incidents', kind: 'count' as const, values: { q1: 6 } }, { key: 'notifications', label: 'Notifications', kind: 'count' as const, values: { q1: 6 } }] };
    const [p, d] = suppressTables([period, byDistrict], T);
    expect(d?.rows[0]?.values).toEqual({ a: '<5', g: '[c]', total: '[c]' });
    expect(p?.rows.map((r) => r.values.q1)).toEqual(['[c]', 6]);
  });
});

describe('settings and reports', () => {
  it('reads the threshold from the authority settings, 5 when unset or not a whole number of at least 2', () => {
    expect(suppressionThreshold({ reports: { suppressBelow: 10 } })).toBe(10);
    for (const settings of [{}, { reports: {} }, { reports: { suppressBelow: '10' } }, { reports: { suppressBelow: 1 } }, { reports: { suppressBelow: 2.5 } }]) {
      expect(suppressionThreshold(settings)).toBe(5);
    }
  });

  const report: Report = {
    id: 'table1', title: 'Table 1', authority: { code: '891', name: 'County' }, period: parsePeriod('2023/24'), generatedAt: new Date(), settings: {},
    tables: [{ id: 't', title: 'T', columns: [{ key: '2022/23', label: '2022/23' }, { key: '2023/24', label: '2023/24' }], notes: [], rows: [
      { key: 'total', label: 'Total', kind: 'count', values: { '2022/23': 50, '2023/24': 12 } },
      { key: 'home', label: 'Home', kind: 'count', partOf: 'total', values: { '2022/23': 30, '2023/24': 9 } },
      { key: 'care', label: 'Care', kind: 'count', partOf: 'total', values: { '2022/23': 20, '2023/24': 3 } },
    ] }],
    charts: [
      { id: 'trend', title: 'Trend', description: 'D', kind: 'line', categoryLabel: 'Year', valueLabel: 'Incidents', data: [
        { series: 'All', category: '2022/23', value: 50 }, { series: 'All', category: '2023/24', value: 12 },
        { series: 'Home', category: '2022/23', value: 30 }, { series: 'Home', category: '2023/24', value: 9 },
        { series: 'Care', category: '2022/23', value: 20 }, { series: 'Care', category: '2023/24', value: 3 },
      ] },
      { id: 'pct', title: 'Share', description: 'D', kind: 'bar', categoryLabel: 'Year', valueLabel: '% of incidents', data: [{ series: 'Home', category: '2023/24', value: 3 }] },
    ],
  };

  it('does not draw a chart point whose count is hidden in the table, and says so in the settings', () => {
    const published = suppressReport(report, T);
    expect(published.tables[0]?.rows.map((r) => r.values['2023/24'])).toEqual([12, '[c]', '<5']);
    expect(published.charts[0]?.data).toEqual([
      { series: 'All', category: '2022/23', value: 50 }, { series: 'All', category: '2023/24', value: 12 },
      { series: 'Home', category: '2022/23', value: 30 }, { series: 'Care', category: '2022/23', value: 20 },
    ]);
    expect(published.suppression?.charts.trend?.hidden).toEqual([
      { series: 'Home', category: '2023/24', mark: '[c]' }, { series: 'Care', category: '2023/24', mark: '<5' },
    ]);
    // A chart of percentages is not suppressed.
    expect(published.charts[1]?.data).toEqual(report.charts[1]?.data);
    expect(published.settings['Small-number suppression']).toMatch(/^on: counts under 5 hidden/);
  });

  it('hides nothing in the operational view, and says it is not for publication', () => {
    const operational = operationalReport(report);
    expect(operational.tables).toEqual(report.tables);
    expect(operational.suppression).toBeUndefined();
    expect(operational.settings['Small-number suppression']).toContain('not for publication');
  });
});

/** A seeded generator, so a failing case can be run again. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

type Known = { exact: number } | { lo: number; hi: number };

/** What a reader who knows the rules knows of a cell from what is printed. */
function knowledge(value: unknown, cap: number): Known {
  if (typeof value === 'number') return { exact: value };
  if (value === `<${T}`) return { lo: 1, hi: T - 1 };
  if (value === '[c]') return { lo: T, hi: cap };
  throw new Error(`unexpected cell ${String(value)}`);
}

/** Every value each hidden cell could take, given the printed cells and total = sum of parts. */
function possibleValues(total: Known, parts: Known[], cap: number): Set<number>[] {
  const hidden = parts.map((p, i) => ('exact' in p ? -1 : i)).filter((i) => i >= 0);
  const seen = [...parts.map(() => new Set<number>()), new Set<number>()];
  const visibleSum = parts.reduce((s, p) => s + ('exact' in p ? p.exact : 0), 0);
  const assign = (k: number, sum: number, chosen: number[]): boolean => {
    if (k === hidden.length) {
      const ok = 'exact' in total ? sum === total.exact : sum >= total.lo && sum <= total.hi;
      if (ok) {
        hidden.forEach((i, j) => seen[i]?.add(chosen[j] ?? -1));
        seen[parts.length]?.add(sum);
      }
      // Stop as soon as every hidden cell has been seen with two values: none of them can be derived.
      return hidden.every((i) => (seen[i]?.size ?? 0) >= 2) && ('exact' in total || (seen[parts.length]?.size ?? 0) >= 2);
    }
    const p = parts[hidden[k] ?? 0];
    if (!p || 'exact' in p) return false;
    for (let v = p.lo; v <= p.hi && sum + v <= cap * parts.length; v++) if (assign(k + 1, sum + v, [...chosen, v])) return true;
    return false;
  };
  assign(0, visibleSum, []);
  return seen;
}

describe('property: no hidden count can be worked out from its total and the visible parts', () => {
  it('holds for 600 random Table 1 shaped columns', () => {
    const next = random(20240401);
    const pick = () => {
      const r = next();
      return r < 0.2 ? 0 : r < 0.6 ? 1 + Math.floor(next() * 4) : 5 + Math.floor(next() * 12);
    };
    for (let run = 0; run < 600; run++) {
      const parts = Array.from({ length: 2 + Math.floor(next() * 3) }, pick);
      const total = parts.reduce((a, b) => a + b, 0);
      const t = table(total, parts, pick());
      const printed = shown(t);
      const context = `total ${total}, parts ${parts.join(', ')} → ${JSON.stringify(printed)}`;
      // Every count of 1-4 is hidden, zeros and shown counts are the true figures.
      [total, ...parts].forEach((v, i) => {
        const cell = i === 0 ? printed.total : printed[`part${i - 1}`];
        if (v >= 1 && v < T) expect(cell, context).toBe(`<${T}`);
        if (typeof cell === 'number') expect(cell, context).toBe(v);
        if (v === 0) expect(cell, context).toBe(0);
      });
      const cap = total + 20;
      const totalKnown = knowledge(printed.total, cap);
      const partsKnown = parts.map((_, i) => knowledge(printed[`part${i}`], cap));
      const seen = possibleValues(totalKnown, partsKnown, cap);
      partsKnown.forEach((k, i) => {
        if (!('exact' in k)) expect(seen[i]?.size, `part ${i} is derivable: ${context}`).toBeGreaterThanOrEqual(2);
      });
      if (!('exact' in totalKnown)) expect(seen[parts.length]?.size, `total is derivable: ${context}`).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('property: the same holds down the columns and across a total column', () => {
  it('holds for 300 random tables of two parts and their total, in three districts and the total', () => {
    const next = random(20250401);
    const pick = () => (next() < 0.5 ? Math.floor(next() * 5) : 5 + Math.floor(next() * 10));
    const columns = ['a', 'b', 'c', 'total'];
    for (let run = 0; run < 300; run++) {
      const parts = [0, 1].map(() => [0, 1, 2].map(pick));
      const grid = [[0, 1, 2].map((c) => (parts[0]?.[c] ?? 0) + (parts[1]?.[c] ?? 0)), ...parts].map((row) => [...row, row.reduce((x, y) => x + y, 0)]);
      const t = suppressTable({
        id: 't', title: 'T', notes: [], columns: columns.map((key) => ({ key, label: key === 'total' ? 'Total' : key })),
        rows: grid.map((row, r) => ({ key: `r${r}`, label: `R${r}`, kind: 'count' as const, ...(r > 0 ? { partOf: 'r0' } : {}), values: Object.fromEntries(columns.map((k, c) => [k, row[c] ?? 0])) })),
      }, T);
      const printed = t.rows.map((row) => columns.map((k) => row.values[k]));
      const context = `${JSON.stringify(grid)} → ${JSON.stringify(printed)}`;
      const cap = 200;
      const check = (total: unknown, parts: unknown[]) => {
        const known = parts.map((p) => knowledge(p, cap));
        const totalKnown = knowledge(total, cap);
        const seen = possibleValues(totalKnown, known, cap);
        known.forEach((k, i) => {
          if (!('exact' in k)) expect(seen[i]?.size, context).toBeGreaterThanOrEqual(2);
        });
      };
      for (let c = 0; c < columns.length; c++) check(printed[0]?.[c], [printed[1]?.[c], printed[2]?.[c]]);
      for (const row of printed) check(row[3], row.slice(0, 3));
    }
  });
});
