/** The DOCX committee report: a zip with word/document.xml holding the tables, the charts and the narrative headings. */
import { beforeAll, describe, expect, it } from 'vitest';
import { AUTHOR_PLACEHOLDER, NARRATIVE_HEADINGS, toDocx } from '../../src/modules/reports/render/docx.ts';
import { suppressReport } from '../../src/modules/reports/suppression.ts';
import { sampleReport, unzip } from '../fixtures/reports.ts';

const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The text of each paragraph of the document, as Word would show it. */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => unescape([...(p[0] ?? '').matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')));
}

describe('toDocx', () => {
  let files: Map<string, Buffer>;
  let xml: string;
  beforeAll(async () => {
    files = unzip(await toDocx(suppressReport(sampleReport(), 5)));
    xml = files.get('word/document.xml')?.toString('utf8') ?? '';
  });

  it('opens with the title, authority, period and when it was produced', () => {
    const text = paragraphs(xml);
    expect(text[0]).toBe('Committee measures');
    expect(text).toContain('Demo County Council (authority 891)');
    expect(text).toContain('Period: 2023/24 Q1 (April to June 2023): 1 April 2023 to 30 June 2023');
    expect(text).toContain('Produced by Homeward on 2 July 2024 at 10:30 from the records at that time.');
  });

  it('has headed empty sections for the author: Summary, What the figures show, Actions', () => {
    const text = paragraphs(xml);
    for (const heading of NARRATIVE_HEADINGS) expect(text[text.indexOf(heading) + 1], heading).toBe(AUTHOR_PLACEHOLDER);
    expect(NARRATIVE_HEADINGS).toEqual(['Summary', 'What the figures show', 'Actions']);
    expect(xml).toMatch(/<w:pStyle w:val="Heading1"\/>[\s\S]*?<w:t[^>]*>Summary<\/w:t>/);
  });

  it('writes each table as a Word table with a repeating header row, printed values and the notes', () => {
    expect(xml.match(/<w:tbl>/g)?.length).toBe(4); // two report tables, and each chart's figures
    expect(xml).toContain('<w:tblHeader/>');
    const text = paragraphs(xml);
    for (const cell of ['Measure', '2023/24 Q1', 'Incidents', '1,234', '[c]', '<5', '12%', '67%', '49:50', 'none', 'Gedling, north', '534']) {
      expect(text, cell).toContain(cell);
    }
    expect(text).toContain('Incidents count by when they started.');
  });

  it('puts each chart in as a PNG with its description as alt text', () => {
    expect([...files.keys()].filter((f) => f.startsWith('word/media/'))).toHaveLength(2);
    expect(xml).toContain('descr="Incidents each quarter, from home and from care."');
    expect(xml).toContain('title="Incidents by quarter"');
  });
});
