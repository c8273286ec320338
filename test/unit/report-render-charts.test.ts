/**
 * Charts: accessible SVG (role="img", <title>, <desc>), readable fonts, GOV.UK colours with enough contrast,
 * series told apart by more than colour, nothing the page's CSP would block, the same SVG every time, and PNG.
 */
import { describe, expect, it } from 'vitest';
import { CHART_PALETTE, chartPng, chartSpec, chartSvg, chartTable } from '../../src/modules/reports/render/charts.ts';
import { suppressReport } from '../../src/modules/reports/suppression.ts';
import { sampleReport } from '../fixtures/reports.ts';

const report = sampleReport();
const [line, bar] = report.charts;
if (!line || !bar) throw new Error('the sample report has two charts');

/** WCAG relative luminance contrast of a colour against white. */
function contrastOnWhite(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  return 1.05 / (l + 0.05);
}

describe('chartSvg', () => {
  it('is an image with the chart title and description as its accessible name and description', async () => {
    const svg = await chartSvg(line);
    const root = /^<svg[^>]*>/.exec(svg)?.[0] ?? '';
    expect(root).toContain('role="img"');
    expect(root).toContain('aria-labelledby="chart-trend-title chart-trend-desc"');
    expect(svg).toContain('<title id="chart-trend-title">Incidents by quarter</title>');
    expect(svg).toContain('<desc id="chart-trend-desc">Incidents each quarter, from home and from care. The figures are in the table with the chart.</desc>');
    // The marks and axes inside are not announced as images of their own.
    expect(svg.match(/\srole="/g)).toHaveLength(1);
    expect(svg.match(/\saria-/g)).toHaveLength(1);
  });

  it('has no style attributes (the content security policy blocks them) and no text smaller than 12px', async () => {
    for (const chart of [line, bar]) {
      const svg = await chartSvg(chart, { inline: true });
      expect(svg).not.toMatch(/\sstyle=/);
      expect(svg).not.toContain('<script');
      const sizes = [...svg.matchAll(/font-size="(\d+(?:\.\d+)?)px"/g)].map((m) => Number(m[1]));
      expect(sizes.length).toBeGreaterThan(0);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
    }
  });

  it('is the same every time, whatever was drawn before it', async () => {
    const first = await chartSvg(line);
    await chartSvg(bar);
    expect(await chartSvg(line)).toBe(first);
  });

  it('scales with the page when inline (no fixed size) and keeps its size for pictures', async () => {
    const inline = /^<svg[^>]*>/.exec(await chartSvg(line, { inline: true }))?.[0] ?? '';
    const fixed = /^<svg[^>]*>/.exec(await chartSvg(line))?.[0] ?? '';
    expect(inline).toMatch(/viewBox="0 0 \d+ \d+"/);
    expect(inline).not.toMatch(/\swidth=/);
    expect(fixed).toMatch(/\swidth="\d+"/);
  });

  it('uses GOV.UK colours with at least 3:1 contrast on white', async () => {
    for (const colour of CHART_PALETTE) expect(contrastOnWhite(colour), colour).toBeGreaterThanOrEqual(3);
    const svg = await chartSvg(line);
    expect(svg).toContain(`stroke="${CHART_PALETTE[0]}"`);
    expect(svg).toContain(`stroke="${CHART_PALETTE[1]}"`);
  });

  it('tells series apart by shape and dash as well as colour, with a legend naming them', async () => {
    const spec = JSON.stringify(chartSpec(line));
    expect(spec).toContain('"shape":{"field":"series"');
    expect(spec).toContain('"strokeDash":{"field":"series"');
    const svg = await chartSvg(line);
    expect(svg).toContain('>From home</text>');
    expect(svg).toContain('>From care</text>');
  });
});

describe('chartTable and hidden points', () => {
  it('gives the figures by series and category, in the order of the report', () => {
    expect(chartTable(line)).toEqual({ categories: ['Q4', 'Q1'], rows: [{ series: 'From home', cells: ['1,100', '1,231'] }, { series: 'From care', cells: ['40', '3'] }] });
  });

  it('shows the mark in place of a point not drawn in a published chart, and does not draw it', async () => {
    const published = suppressReport(report, 5);
    const chart = published.charts[0];
    if (!chart) throw new Error('no chart');
    const hidden = published.suppression?.charts.trend;
    expect(chartTable(chart, hidden).rows).toEqual([{ series: 'From home', cells: ['1,100', '[c]'] }, { series: 'From care', cells: ['40', '<5'] }]);
    const svg = await chartSvg(chart, { hidden });
    expect(svg).not.toContain('1231');
    expect(svg).toContain('>Q1</text>');
  });
});

it('chartPng draws a PNG twice the size of the SVG', async () => {
  const { png, width, height } = await chartPng(line);
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const svgWidth = Number(/\swidth="(\d+)"/.exec(await chartSvg(line))?.[1]);
  expect(width).toBe(svgWidth * 2);
  expect(png.readUInt32BE(16)).toBe(width);
  expect(png.readUInt32BE(20)).toBe(height);
});
