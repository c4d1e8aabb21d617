import PDFDocument from 'pdfkit';
import { documentFonts } from './fonts';
import type { AdministrativeDocument, Block, SignatureBlock, Table } from './model';

/** 1 mm in PDF points. */
const MM = 72 / 25.4;
const A4 = { width: 595.28, height: 841.89 };
/** Decree 30/2020/NĐ-CP, Appendix I: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. */
const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
const WIDTH = A4.width - MARGIN.left - MARGIN.right;
const BODY = 14;
const SMALL = 13;
const INDENT = 10 * MM;
/** Left column of the header: the issuer and the number; the rest is the national title. */
const LEFT_COL = WIDTH * 0.4;

type Face = 'regular' | 'bold' | 'italic' | 'boldItalic';

/**
 * Renders the document as an A4 PDF with Tinos embedded (pdfkit subsets it).
 * Deterministic: the creation date and the file id come from the record's
 * time and the document's id, and pdfkit itself reads no clock when both are
 * given, so the same model gives the same bytes.
 */
export function renderPdf(document: AdministrativeDocument, documentId: string): Promise<Buffer> {
  const recorded = new Date(document.recordedAt);
  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    autoFirstPage: true,
    bufferPages: false,
    pdfVersion: '1.7',
    lang: 'vi-VN',
    displayTitle: true,
    info: {
      Title: document.title,
      Subject: document.subject,
      Keywords: documentId,
      Creator: 'Laurel',
      Producer: 'Laurel',
      CreationDate: recorded,
      ModDate: recorded,
    },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const fonts = documentFonts();
  pdf.registerFont('regular', fonts.regular);
  pdf.registerFont('bold', fonts.bold);
  pdf.registerFont('italic', fonts.italic);
  pdf.registerFont('boldItalic', fonts.boldItalic);
  new PdfLayout(pdf).document(document);
  pdf.end();
  return done;
}

class PdfLayout {
  constructor(private readonly pdf: PDFKit.PDFDocument) {}

  private face(face: Face, size: number): PDFKit.PDFDocument {
    return this.pdf.font(face).fontSize(size);
  }

  /** A centred line (or lines) in a column; returns the y below it. */
  private centred(text: string, x: number, width: number, y: number, face: Face, size: number): number {
    this.face(face, size).text(text, x, y, { width, align: 'center', lineGap: 1 });
    return this.pdf.y;
  }

  /** A thin rule under a title, centred in its column, as long as the given share of the text's width. */
  private rule(x: number, width: number, y: number, length: number): void {
    const start = x + (width - length) / 2;
    this.pdf
      .moveTo(start, y)
      .lineTo(start + length, y)
      .lineWidth(0.6)
      .stroke();
  }

  private ensureRoom(height: number): void {
    if (this.pdf.y + height > A4.height - MARGIN.bottom) this.pdf.addPage();
  }

  document(doc: AdministrativeDocument): void {
    this.header(doc);
    this.title(doc.heading, doc.subject, doc.kind === 'decision');
    for (const block of doc.body) this.block(block);
    this.closing(doc.signatures, doc.recipients);
    if (doc.annex) {
      this.pdf.addPage();
      const x = MARGIN.left;
      let y = MARGIN.top;
      y = this.centred(doc.annex.heading, x, WIDTH, y, 'bold', BODY);
      y = this.centred(doc.annex.subheading, x, WIDTH, y, 'bold', BODY);
      y = this.centred(doc.annex.attachedTo, x, WIDTH, y, 'italic', BODY);
      this.rule(x, WIDTH, y + 3, 40 * MM);
      this.pdf.y = y + 12;
      this.table(doc.annex.table);
    }
  }

  private header(doc: AdministrativeDocument): void {
    const x = MARGIN.left - 12 * MM;
    // The issuer's column reaches into the left margin a little, as printed forms do, so long names fit on two lines.
    const leftWidth = LEFT_COL + 12 * MM;
    const rightX = MARGIN.left + LEFT_COL;
    const rightWidth = WIDTH - LEFT_COL + 5 * MM;
    const top = MARGIN.top;
    let left = top;
    if (doc.header.parentBody) left = this.centred(doc.header.parentBody, x, leftWidth, left, 'regular', SMALL);
    left = this.centred(doc.header.issuingBody, x, leftWidth, left, 'bold', SMALL);
    this.rule(x, leftWidth, left + 2, 22 * MM);
    left = this.centred(doc.header.number, x, leftWidth, left + 8, 'regular', SMALL);

    let right = this.centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, rightWidth, top, 'bold', 12.5);
    const motto = 'Độc lập - Tự do - Hạnh phúc';
    right = this.centred(motto, rightX, rightWidth, right, 'bold', BODY);
    this.rule(rightX, rightWidth, right + 1, this.face('bold', BODY).widthOfString(motto));
    right = this.centred(doc.header.placeAndDate, rightX, rightWidth, right + 9, 'italic', BODY);
    this.pdf.y = Math.max(left, right) + 16;
  }

  private title(heading: string, subject: string, ruled: boolean): void {
    const x = MARGIN.left;
    let y = this.centred(heading, x, WIDTH, this.pdf.y, 'bold', BODY);
    y = this.centred(subject, x + 10 * MM, WIDTH - 20 * MM, y, 'bold', BODY);
    if (ruled) this.rule(x, WIDTH, y + 4, 40 * MM);
    this.pdf.y = y + 12;
  }

  private paragraph(text: string, face: Face): void {
    this.face(face, BODY).text(text, MARGIN.left, this.pdf.y, {
      width: WIDTH,
      align: 'justify',
      indent: INDENT,
      lineGap: 2,
      paragraphGap: 5,
    });
  }

  private block(block: Block): void {
    switch (block.type) {
      case 'paragraph':
        this.paragraph(block.text, block.style === 'bold' ? 'bold' : block.style === 'italic' ? 'italic' : 'regular');
        return;
      case 'centred':
        this.pdf.y = this.centred(block.text, MARGIN.left, WIDTH, this.pdf.y + 2, 'bold', BODY) + 6;
        return;
      case 'article':
        this.face('bold', BODY).text(`${block.label} `, MARGIN.left, this.pdf.y, {
          width: WIDTH,
          align: 'justify',
          indent: INDENT,
          lineGap: 2,
          continued: true,
        });
        this.face('regular', BODY).text(block.text, { align: 'justify', lineGap: 2, paragraphGap: 5 });
        return;
      case 'table':
        this.table(block.table);
        this.pdf.y += 6;
        return;
    }
  }

  private table(table: Table): void {
    const pdf = this.pdf;
    const total = table.columns.reduce((sum, c) => sum + c.width, 0);
    const widths = table.columns.map((c) => (c.width / total) * WIDTH);
    const pad = 4;
    const rowHeight = (cells: readonly string[], face: Face) =>
      Math.max(
        ...cells.map(
          (cell, i) =>
            this.face(face, SMALL).heightOfString(cell, {
              width: (cells.length === 1 ? WIDTH : widths[i]!) - 2 * pad,
              lineGap: 1,
            }) +
            2 * pad,
        ),
      );
    const drawRow = (cells: readonly string[], face: Face) => {
      const height = rowHeight(cells, face);
      this.ensureRoom(height);
      const y = pdf.y;
      let x = MARGIN.left;
      const spans = cells.length === 1 ? [WIDTH] : widths;
      cells.forEach((cell, i) => {
        const w = spans[i]!;
        pdf.rect(x, y, w, height).lineWidth(0.6).stroke();
        const align = cells.length === 1 ? 'left' : face === 'bold' ? 'center' : (table.columns[i]!.align ?? 'left');
        this.face(face, SMALL).text(cell, x + pad, y + pad, { width: w - 2 * pad, align, lineGap: 1 });
        x += w;
      });
      pdf.y = y + height;
    };
    drawRow(
      table.columns.map((c) => c.title),
      'bold',
    );
    for (const row of table.rows) drawRow(row, row.length === 1 ? 'bold' : 'regular');
  }

  private closing(signatures: readonly SignatureBlock[], recipients: readonly string[]): void {
    const pdf = this.pdf;
    this.ensureRoom(150);
    const top = pdf.y + 10;
    let left = top;
    const signWidth = signatures.length > 1 ? WIDTH / signatures.length : WIDTH * 0.5;
    if (recipients.length > 0) {
      // Decree 30, Appendix I: "Nơi nhận:" in bold italic.
      this.face('boldItalic', 12).text('Nơi nhận:', MARGIN.left, top, { width: WIDTH * 0.45 });
      left = pdf.y;
      for (const r of recipients) {
        this.face('regular', 11).text(`- ${r}`, MARGIN.left, left, { width: WIDTH * 0.45 });
        left = pdf.y;
      }
    }
    let bottom = left;
    signatures.forEach((s, i) => {
      const x = signatures.length > 1 ? MARGIN.left + i * signWidth : MARGIN.left + WIDTH - signWidth;
      let y = top;
      if (s.authority) y = this.centred(s.authority, x, signWidth, y, 'bold', BODY);
      y = this.centred(s.title, x, signWidth, y, 'bold', BODY);
      // Room for the signature and the seal.
      y = this.centred(s.name, x, signWidth, y + 70, 'bold', BODY);
      bottom = Math.max(bottom, y);
    });
    pdf.y = bottom + 10;
  }
}
