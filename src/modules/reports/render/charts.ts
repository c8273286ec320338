/**
 * Charts drawn on the server from a report's `ChartSpec`s: vega-lite compiled to vega and rendered to SVG
 * (no browser, no canvas), made accessible (role="img" with a <title> and <desc>, fonts of 14px, colours from
 * the GOV.UK palette with at least 3:1 contrast on white, series told apart by shape and dash as well as colour,
 * a legend, and the figures in a data table beside the chart), and to PNG for DOCX and XLSX.
 * Rendering is deterministic: the same chart gives the same SVG, so tests can compare.
 */
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { ChartSpec } from '../framework.ts';
import type { HiddenPoints } from '../suppression.ts';
import { notReportedText } from './format.ts';

/** GOV.UK colours, each at least 3:1 against white (WCAG 1.4.11): blue, green, purple, red, dark grey, pink. */
export const CHART_PALETTE = ['#1d70b8', '#00703c', '#4c2c92', '#d4351c', '#505a5f', '#d53880'];
const SHAPES = ['circle', 'square', 'triangle-up', 'diamond', 'triangle-down', 'cross'];
const DASHES = [[1, 0], [8, 4], [2, 3], [10, 3, 2, 3], [4, 4], [1, 5]];
const FONT = 'Arial, "Liberation Sans", Helvetica, sans-serif';
const WIDTH = 560;
const HEIGHT = 280;

/** A chart's points left out of a published output (none for an operational one). */
export type Hidden = HiddenPoints | undefined;

type Layers = Extract<vl.TopLevelSpec, { layer: unknown }>['layer'];

const unique = (values: string[]) => [...new Set(values)];

/** Categories and series in the order the report gave them, including those with points not drawn. */
export function chartAxes(chart: ChartSpec, hidden?: Hidden): { categories: string[]; series: string[] } {
  return {
    categories: hidden?.categories ?? unique(chart.data.map((d) => d.category)),
    series: hidden?.series ?? unique(chart.data.map((d) => d.series)),
  };
}

/** The vega-lite specification of a chart. */
export function chartSpec(chart: ChartSpec, hidden?: Hidden): vl.TopLevelSpec {
  const { categories, series } = chartAxes(chart, hidden);
  // Hidden points are drawn as gaps: a null value breaks the line there rather than joining its neighbours.
  const values = [...chart.data, ...(hidden?.hidden ?? []).map((h) => ({ series: h.series, category: h.category, value: null }))];
  const grouped = chart.kind !== 'line' && series.length > 1;
  const seriesScale = { domain: series, range: CHART_PALETTE.slice(0, Math.max(series.length, 1)) };
  const legend = { title: null, orient: 'bottom' as const, direction: 'vertical' as const, symbolSize: 120, labelLimit: 480 };
  const x = { field: 'category', type: 'ordinal' as const, title: chart.categoryLabel, sort: categories, scale: { domain: categories }, axis: { labelAngle: categories.length > 6 ? -35 : 0, labelLimit: 260 } };
  const y = { field: 'value', type: 'quantitative' as const, title: chart.valueLabel, axis: { tickMinStep: 1, format: ',d' } };
  const color = { field: 'series', type: 'nominal' as const, scale: seriesScale, legend: series.length > 1 ? legend : null };
  const layer: Layers = chart.kind === 'line'
    ? [
      { mark: { type: 'line', strokeWidth: 3, invalid: 'break-paths-show-domains' }, encoding: { x, y, color, strokeDash: { field: 'series', type: 'nominal', scale: { domain: series, range: DASHES.slice(0, series.length) }, legend: null } } },
      { mark: { type: 'point', filled: true, size: 90, opacity: 1 }, encoding: { x, y, color, shape: { field: 'series', type: 'nominal', scale: { domain: series, range: SHAPES.slice(0, series.length) }, legend: series.length > 1 ? legend : null } } },
    ]
    : [
      { mark: { type: 'bar', stroke: '#0b0c0c', strokeWidth: 1 }, encoding: { x, y, color, ...(grouped ? { xOffset: { field: 'series', type: 'nominal', sort: series } } : {}) } },
      // Values on single bars; grouped bars are too narrow for them (the data table gives every figure).
      ...(grouped ? [] : [{ mark: { type: 'text' as const, dy: -8, fontSize: 14, fill: '#0b0c0c' }, encoding: { x, y, text: { field: 'value', type: 'quantitative' as const, format: ',d' } } }]),
    ];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: WIDTH,
    height: HEIGHT,
    background: '#ffffff',
    padding: 8,
    data: { values },
    layer,
    config: {
      aria: false,
      font: FONT,
      view: { stroke: null },
      axis: { labelFontSize: 14, titleFontSize: 14, titleFontWeight: 'bold', labelColor: '#0b0c0c', titleColor: '#0b0c0c', domainColor: '#505a5f', tickColor: '#505a5f', gridColor: '#d9dada' },
      legend: { labelFontSize: 14, labelColor: '#0b0c0c', symbolStrokeWidth: 0 },
    },
  };
}

/** Vega numbers its clip paths and gradients across the whole process: renumber them per chart. */
function stableIds(svg: string, prefix: string): string {
  const ids = unique([...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] ?? ''));
  let out = svg;
  ids.forEach((id, i) => {
    const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`(id="|#)${escaped}(["')])`, 'g'), `$1${prefix}-${i + 1}$2`);
  });
  return out;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The chart as accessible SVG. `inline` (for a web page): no fixed size, so it scales with the page.
 * No style attributes: the pages' content security policy would block them.
 */
export async function chartSvg(chart: ChartSpec, options: { hidden?: Hidden; inline?: boolean } = {}): Promise<string> {
  // The legend shows colour and shape, not the dash: vega-lite warns of that on the console, which is not news.
  const compiled = vl.compile(chartSpec(chart, options.hidden), { logger: vega.logger(vega.Error) });
  const view = new vega.View(vega.parse(compiled.spec), { renderer: 'none', logLevel: vega.Error });
  const raw = await view.toSVG();
  view.finalize();
  const id = `chart-${chart.id.replace(/[^\w-]/g, '-')}`;
  const svg = stableIds(raw, id).replace(/\sstyle="[^"]*"/g, '');
  const open = /^<svg\b[^>]*>/.exec(svg)?.[0] ?? '<svg>';
  let attributes = open.replace(/^<svg/, '').replace(/>$/, '').replace(/\s(class|role|aria-[\w-]+)="[^"]*"/g, '');
  if (options.inline) attributes = attributes.replace(/\s(width|height)="[^"]*"/g, '');
  const head = `<svg${attributes} role="img" aria-labelledby="${id}-title ${id}-desc" class="app-chart__svg"><title id="${id}-title">${escapeXml(chart.title)}</title><desc id="${id}-desc">${escapeXml(chartDescription(chart))}</desc>`;
  // One image with one text alternative: the roles vega gives marks and axes inside it would be read out as
  // unnamed images, so they go (the figures are in the table with the chart).
  return head + svg.slice(open.length).replace(/\s(role|aria-[\w-]+)="[^"]*"/g, '');
}

/** The text alternative: what the chart shows, and where its figures are. */
export function chartDescription(chart: ChartSpec): string {
  return `${chart.description} The figures are in the table with the chart.`;
}

/** The chart as a PNG (twice the SVG's size, for print), with its size in pixels. */
export async function chartPng(chart: ChartSpec, hidden?: Hidden): Promise<{ png: Buffer; width: number; height: number }> {
  const svg = await chartSvg(chart, { hidden });
  const image = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: 2 },
    font: { loadSystemFonts: true, defaultFontFamily: 'Liberation Sans', sansSerifFamily: 'Liberation Sans' },
  }).render();
  return { png: image.asPng(), width: image.width, height: image.height };
}

/** The chart's figures as a table: a row per series, a column per category; hidden points as their marks. */
export function chartTable(chart: ChartSpec, hidden?: Hidden): { categories: string[]; rows: { series: string; cells: string[] }[] } {
  const { categories, series } = chartAxes(chart, hidden);
  const number = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
  const cell = (s: string, c: string) => {
    const point = chart.data.find((d) => d.series === s && d.category === c);
    if (point) return number.format(point.value);
    const mark = hidden?.hidden.find((h) => h.series === s && h.category === c)?.mark;
    const notReported = chart.notReported?.find((n) => n.series === s && n.category === c);
    return mark ?? (notReported ? notReportedText(notReported.note) : 'none');
  };
  return { categories, rows: series.map((s) => ({ series: s, cells: categories.map((c) => cell(s, c)) })) };
}
