import {
  AlignmentType,
  BorderStyle,
  Document,
  PageBreak,
  Packer,
  Paragraph,
  Table as DocxTable,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ITableCellOptions,
} from 'docx';
import type { AdministrativeDocument, Block, SignatureBlock, Table } from './model';
import { readZip, writeZip, type DosTime } from './zip';

/** Sizes in half-points, distances in twentieths of a point (twips). */
const BODY = 28;
const SMALL = 26;
const MM = 1440 / 25.4;
const A4 = { width: 11906, height: 16838 };
const MARGIN = {
  top: Math.round(20 * MM),
  bottom: Math.round(20 * MM),
  left: Math.round(30 * MM),
  right: Math.round(15 * MM),
};
const WIDTH = A4.width - MARGIN.left - MARGIN.right;
/** Word users have Times New Roman, which Decree 30 names; the PDF uses its metric twin Tinos. */
const FONT = 'Times New Roman';

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;

type Face = { bold?: boolean; italics?: boolean; size?: number; underline?: boolean };

function run(text: string, face: Face = {}): TextRun {
  return new TextRun({
    text,
    font: FONT,
    size: face.size ?? BODY,
    ...(face.bold ? { bold: true } : {}),
    ...(face.italics ? { italics: true } : {}),
  });
}

function centred(text: string, face: Face, after = 0, underlined = false): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after, line: 276 },
    // A bottom border on a short centred paragraph draws the rule under a title, as the PDF does.
    ...(underlined ? { border: { bottom: LINE } } : {}),
    // A line break the template asks for (issuer names) stays a break, not a new paragraph.
    children: text.split('\n').map((line, i) => (i === 0 ? run(line, face) : runAfterBreak(line, face))),
  });
}

function runAfterBreak(text: string, face: Face): TextRun {
  return new TextRun({ text, font: FONT, size: face.size ?? BODY, break: 1, ...(face.bold ? { bold: true } : {}) });
}

function cell(children: Paragraph[], width: number, options: Partial<ITableCellOptions> = {}): TableCell {
  return new TableCell({ children, width: { size: width, type: WidthType.DXA }, ...options });
}

function header(doc: AdministrativeDocument): DocxTable {
  const leftWidth = Math.round(WIDTH * 0.4);
  const rightWidth = WIDTH - leftWidth;
  const left: Paragraph[] = [
    ...(doc.header.parentBody ? [centred(doc.header.parentBody, { size: SMALL })] : []),
    centred(doc.header.issuingBody, { bold: true, size: SMALL }),
    centred('────────', { size: 16 }, 60),
    centred(doc.header.number, { size: SMALL }),
  ];
  const right: Paragraph[] = [
    centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 25 }),
    centred('Độc lập - Tự do - Hạnh phúc', { bold: true }),
    centred('─────────────────────', { size: 16 }, 60),
    centred(doc.header.placeAndDate, { italics: true }),
  ];
  return new DocxTable({
    width: { size: WIDTH, type: WidthType.DXA },
    columnWidths: [leftWidth, rightWidth],
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(left, leftWidth), cell(right, rightWidth)] })],
  });
}

function paragraph(text: string, face: Face): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: Math.round(10 * MM) },
    spacing: { after: 100, line: 300 },
    children: [run(text, face)],
  });
}

function block(b: Block): (Paragraph | DocxTable)[] {
  switch (b.type) {
    case 'paragraph':
      return [paragraph(b.text, { bold: b.style === 'bold', italics: b.style === 'italic' })];
    case 'centred':
      return [centred(b.text, { bold: true }, 120)];
    case 'article':
      return [
        new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          indent: { firstLine: Math.round(10 * MM) },
          spacing: { after: 100, line: 300 },
          children: [run(`${b.label} `, { bold: true }), run(b.text)],
        }),
      ];
    case 'table':
      return [table(b.table), new Paragraph({ children: [] })];
  }
}

function table(t: Table): DocxTable {
  const total = t.columns.reduce((sum, c) => sum + c.width, 0);
  const widths = t.columns.map((c) => Math.round((c.width / total) * WIDTH));
  const borders = { top: LINE, bottom: LINE, left: LINE, right: LINE };
  const textCell = (text: string, width: number, face: Face, align: 'left' | 'center', span?: number) =>
    cell(
      [
        new Paragraph({
          alignment: align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [run(text, { ...face, size: SMALL })],
        }),
      ],
      width,
      { borders, margins: { top: 60, bottom: 60, left: 80, right: 80 }, ...(span ? { columnSpan: span } : {}) },
    );
  const head = new TableRow({
    tableHeader: true,
    children: t.columns.map((c, i) => textCell(c.title, widths[i]!, { bold: true }, 'center')),
  });
  const rows = t.rows.map(
    (row) =>
      new TableRow({
        children:
          row.length === 1
            ? [textCell(row[0]!, WIDTH, { bold: true }, 'left', t.columns.length)]
            : row.map((text, i) => textCell(text, widths[i]!, {}, t.columns[i]!.align ?? 'left')),
      }),
  );
  return new DocxTable({ width: { size: WIDTH, type: WidthType.DXA }, columnWidths: widths, rows: [head, ...rows] });
}

function closing(signatures: readonly SignatureBlock[], recipients: readonly string[]): DocxTable {
  const columns: Paragraph[][] = [];
  if (recipients.length > 0) {
    columns.push([
      new Paragraph({ children: [run('Nơi nhận:', { bold: true, italics: true, size: 24 })] }),
      ...recipients.map((r) => new Paragraph({ children: [run(`- ${r}`, { size: 22 })] })),
    ]);
  }
  for (const s of signatures) {
    columns.push([
      ...(s.authority ? [centred(s.authority, { bold: true })] : []),
      centred(s.title, { bold: true }, 1400),
      centred(s.name, { bold: true }),
    ]);
  }
  const width = Math.round(WIDTH / columns.length);
  return new DocxTable({
    width: { size: WIDTH, type: WidthType.DXA },
    columnWidths: columns.map(() => width),
    borders: NO_BORDERS,
    rows: [new TableRow({ children: columns.map((c) => cell(c, width)) })],
  });
}

/** The wall-clock parts of an instant in the province's zone (UTC+7), for the archive's entry times. */
function dosTimeOf(instant: string): DosTime {
  const local = new Date(Date.parse(instant) + 7 * 3_600_000);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

const TIMESTAMP = /(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g;

/**
 * Renders the document as DOCX. The docx package stamps the package's
 * created/modified properties and every ZIP entry with the clock, so the
 * package is rewritten: properties set to the record's time, entries re-zipped
 * with that time and in name order. The same model then gives the same bytes.
 */
export async function renderDocx(doc: AdministrativeDocument, documentId: string): Promise<Buffer> {
  const body: (Paragraph | DocxTable)[] = [
    header(doc),
    new Paragraph({ spacing: { after: 120 }, children: [] }),
    centred(doc.heading, { bold: true }),
    centred(doc.subject, { bold: true }, 240, doc.kind === 'decision'),
    ...doc.body.flatMap(block),
    closing(doc.signatures, doc.recipients),
  ];
  if (doc.annex) {
    body.push(
      new Paragraph({ children: [new PageBreak()] }),
      centred(doc.annex.heading, { bold: true }),
      centred(doc.annex.subheading, { bold: true }),
      centred(doc.annex.attachedTo, { italics: true }, 240),
      table(doc.annex.table),
    );
  }
  const file = new Document({
    creator: 'Laurel',
    lastModifiedBy: 'Laurel',
    title: doc.title,
    subject: doc.subject,
    keywords: documentId,
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      {
        properties: { page: { size: { width: A4.width, height: A4.height }, margin: MARGIN } },
        children: body,
      },
    ],
  });
  const packed = await Packer.toBuffer(file);
  const stamp = new Date(doc.recordedAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const entries = readZip(packed)
    .map((e) =>
      e.name === 'docProps/core.xml'
        ? { name: e.name, data: Buffer.from(e.data.toString('utf8').replace(TIMESTAMP, `$1${stamp}$3`), 'utf8') }
        : e,
    )
    .sort((a, b) =>
      a.name === '[Content_Types].xml' ? -1 : b.name === '[Content_Types].xml' ? 1 : a.name < b.name ? -1 : 1,
    );
  return writeZip(entries, dosTimeOf(doc.recordedAt));
}
