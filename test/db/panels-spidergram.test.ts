/**
 * The spidergram (pure, no database): one axis per domain of the assessment's definition, the value the share of
 * the domain's indicators present, drawn as accessible SVG with the same figures for the table beside it.
 */
import { describe, expect, it } from 'vitest';
import { CURRENT_ASSESSMENT_DEFINITION } from '../../src/modules/exploitation/risk-assessment-definition.ts';
import { axisValue, spidergramAxes, spidergramDescription, spidergramRows, spidergramSvg } from '../../src/modules/exploitation/spidergram.ts';

const answers = [
  { indicator: 'missing.repeat', answer: 'present' }, { indicator: 'missing.late-returns', answer: 'present' },
  { indicator: 'missing.found-out-of-area', answer: 'present' }, { indicator: 'money.debt', answer: 'not_known' },
  { indicator: 'education.absence', answer: 'present' }, { indicator: 'education.exclusion', answer: 'not_present' },
];

describe('spidergram', () => {
  const axes = spidergramAxes(CURRENT_ASSESSMENT_DEFINITION, answers);

  it('has one axis per domain, valued indicators present / indicators in the domain', () => {
    expect(axes.map((a) => a.label)).toEqual(CURRENT_ASSESSMENT_DEFINITION.domains.map((d) => d.label));
    expect(axes.map((a) => [a.present, a.total])).toEqual([[3, 3], [0, 4], [0, 3], [0, 3], [0, 3], [1, 2], [0, 3], [0, 3]]);
    expect(axes.map(axisValue)).toEqual([1, 0, 0, 0, 0, 0.5, 0, 0]);
    expect(spidergramRows(axes)[2]).toMatchObject({ label: 'Money, gifts and phones', present: 0, notKnown: 1, total: 3, percent: 0 });
  });

  it('falls back to the domains the indicator codes name when the definition is unknown', () => {
    expect(spidergramAxes(null, answers).map((a) => [a.label, a.present, a.total])).toEqual([['missing', 3, 3], ['money', 0, 1], ['education', 1, 2]]);
  });

  it('draws an accessible image: role img, named by its title and description, one labelled axis per domain', () => {
    const description = spidergramDescription(axes, 'Latest risk assessment, completed 14 Nov 2026.');
    const svg = spidergramSvg({ id: 'sg-1', title: 'Indicators present in each domain', description, axes });
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="sg-1-title sg-1-desc"/);
    expect(svg).toContain('<title id="sg-1-title">Indicators present in each domain</title>');
    expect(svg).toContain('<desc id="sg-1-desc">Latest risk assessment, completed 14 Nov 2026. Missing and whereabouts: 3 of 3 present; Relationships and associates: 0 of 4 present;');
    expect(svg.match(/<line /g)).toHaveLength(8);
    expect(svg).toContain('>Money, gifts and phones</tspan>');
    expect(svg).toContain('>1 of 2 present</tspan>');
    expect(svg).not.toContain('style=');
  });

  it('puts each value on its axis: a full domain at the rim, half a domain half way, an empty one at the centre', () => {
    const svg = spidergramSvg({ id: 'x', title: 't', description: 'd', axes });
    const shape = /<polygon points="([^"]+)" fill="#1d70b8"/.exec(svg)?.[1] ?? '';
    const points = shape.split(' ').map((p) => p.split(',').map(Number));
    // Centre (330, 200), radius 120; the first axis points straight up, the sixth (education) down and to the left.
    expect(points[0]).toEqual([330, 80]);
    expect(points[1]).toEqual([330, 200]);
    const [x = 0, y = 0] = points[5] ?? [];
    expect(Math.hypot(x - 330, y - 200)).toBeCloseTo(60, 0);
    expect(x).toBeLessThan(330);
    expect(y).toBeGreaterThan(200);
  });

  it('escapes labels', () => {
    const svg = spidergramSvg({ id: 'e', title: 'A <b> & "c"', description: 'd', axes: [{ label: 'x < y', present: 1, notKnown: 0, total: 1 }] });
    expect(svg).toContain('<title id="e-title">A &lt;b&gt; &amp; &quot;c&quot;</title>');
    expect(svg).toContain('x &lt; y');
  });
});
