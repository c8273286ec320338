/**
 * The committee report as a Word document: title, authority, period and when it was produced; headed spaces
 * for the author's narrative ("Summary", "What the figures show", "Actions"); each table as a Word table with
 * a repeating header row and its notes; each chart as a picture whose alt text is its description, with its
 * figures in a table under it. Headings are real Word headings, so the navigation pane and screen readers
 * find them.
 */
import {
  AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import type { ChartSpec, ReportTable } from '../framework.ts';
import type { OutputReport } from '../suppression.ts';
import { chartPng, chartTable } from './charts.ts';
import { generatedLabel, periodLabel, printedCell } from './format.ts';

export const NARRATIVE_HEADINGS = ['Summary', 'What the figures show', 'Actions'] as const;
export const AUTHOR_PLACEHOLDER = '[Author to complete]';

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) => new Paragraph({ heading: level, children: [new TextRun(text)] });
const para = (text: string, options: { bold?: boolean; size?: number } = {}) => new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text, ...options })] });

function cell(text: string, options: { header?: boolean; right?: boolean } = {}): TableCell {
  return new TableCell({
    children: [new Paragraph({ alignment: options.right ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text, bold: options.header ?? false })] })],
  });
}

/** A Word table: the first row repeats on every page and is marked as the header for screen readers. */
function wordTable(headers: string[], rows: string[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h, i) => cell(h, { header: true, right: i > 0 })) }),
      ...rows.map((r) => new TableRow({ children: r.map((text, i) => cell(text, { right: i > 0 })) })),
    ],
  });
}

function tableSection(table: ReportTable): (Paragraph | Table)[] {
  return [
    heading(table.title, HeadingLevel.HEADING_2),
    wordTable(['Measure', ...table.columns.map((c) => c.label)], table.rows.map((r) => [r.label, ...table.columns.map((c) => printedCell(r, c.key))])),
    new Paragraph({ spacing: { after: 60 }, children: [] }),
    ...table.notes.map((n) => para(n, { size: 18 })),
  ];
}

async function chartSection(chart: ChartSpec, report: OutputReport): Promise<(Paragraph | Table)[]> {
  const hidden = report.suppression?.charts[chart.id];
  const { png, width, height } = await chartPng(chart, hidden);
  // 600 pixels wide fits an A4 page between the default margins.
  const scale = 600 / width;
  const image = new ImageRun({
    type: 'png', data: png, transformation: { width: 600, height: Math.round(height * scale) },
    altText: { name: chart.id, title: chart.title, description: chart.description },
  });
  const data = chartTable(chart, hidden);
  return [
    heading(chart.title, HeadingLevel.HEADING_2),
    new Paragraph({ children: [image] }),
    para(chart.description),
    wordTable([chart.categoryLabel, ...data.categories], data.rows.map((r) => [r.series, ...r.cells])),
    new Paragraph({ spacing: { after: 120 }, children: [] }),
  ];
}

const narrative = (title: string) => [heading(title, HeadingLevel.HEADING_1), para(AUTHOR_PLACEHOLDER)];

export async function toDocx(report: OutputReport): Promise<Buffer> {
  const charts = [];
  for (const chart of report.charts) charts.push(...(await chartSection(chart, report)));
  const [summary, figuresShow, actions] = NARRATIVE_HEADINGS;
  const children = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(report.title)] }),
    para(`${report.authority.name} (authority ${report.authority.code})`, { bold: true }),
    para(`Period: ${periodLabel(report.period)}`),
    para(`Produced by Homeward on ${generatedLabel(report.generatedAt)} from the records at that time.`),
    ...Object.entries(report.settings).map(([k, v]) => para(`${k}: ${v}`, { size: 18 })),
    ...narrative(summary),
    heading('Figures', HeadingLevel.HEADING_1),
    ...report.tables.flatMap(tableSection),
    ...charts,
    ...narrative(figuresShow),
    ...narrative(actions),
  ];
  const document = new Document({
    creator: 'Homeward',
    title: report.title,
    description: `${report.title}: ${report.authority.name}, ${report.period.label}`,
    styles: { default: { document: { run: { font: 'Arial', size: 22 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}
