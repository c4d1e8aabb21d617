import PDFDocument from 'pdfkit';
import { documentFonts } from '../fonts';
import { sha256 } from '../issue';
import { CERTIFICATE_FIELDS, type CertificateForm, type FieldFace } from './forms';
import type { CertificateText } from './certificate';
import { layoutCertificate, MM, type CertificateValues, type Measure } from './layout';

/** What the calibration page writes in each box, so the Board sees how a long line sits. */
const SAMPLE: CertificateValues = {
  awardee: 'Nguyễn Thị Hồng Nhung',
  position: 'Chuyên viên Văn phòng',
  unit: 'Văn phòng Tỉnh ủy',
  award: 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm 2024',
  decision: 'Quyết định số 163/QĐ-UBND ngày 14 tháng 3 năm 2025',
  placeAndDate: 'Ninh Thuận, ngày 14 tháng 3 năm 2025',
  signerTitle: 'CHỦ TỊCH',
  signer: 'Trần Quốc Nam',
};

/** A form's version is fixed once saved, so its own time (or, for the default, none) dates a calibration page. */
const DEFAULT_FORM_DATE = '2025-01-01T00:00:00.000Z';

export interface CertificatePrint {
  readonly bytes: Buffer;
  readonly sha256: string;
  readonly pages: number;
  readonly formId: string;
  readonly formVersion: number;
}

export interface CertificatePrintOptions {
  /** A title for the file's properties, e.g. "Bằng khen — Quyết định 163/QĐ-UBND". */
  readonly title: string;
  /** The record's time (the latest of the certificates'); the file's dates. */
  readonly recordedAt?: string;
}

function open(form: CertificateForm, options: CertificatePrintOptions, keywords: string) {
  const date = new Date(options.recordedAt ?? form.changedAt ?? DEFAULT_FORM_DATE);
  const pdf = new PDFDocument({
    size: [form.page.width * MM, form.page.height * MM],
    margin: 0,
    autoFirstPage: false,
    pdfVersion: '1.7',
    lang: 'vi-VN',
    displayTitle: true,
    info: {
      Title: options.title,
      // The form and its version, so a printed sheet can be traced to the offsets it used.
      Subject: `Mẫu phôi ${form.formId}, phiên bản ${form.version}`,
      Keywords: keywords,
      Creator: 'Laurel',
      Producer: 'Laurel',
      CreationDate: date,
      ModDate: date,
    },
  });
  const fonts = documentFonts();
  pdf.registerFont('regular', fonts.regular);
  pdf.registerFont('bold', fonts.bold);
  pdf.registerFont('italic', fonts.italic);
  pdf.registerFont('boldItalic', fonts.boldItalic);
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const measure: Measure = (text, face, size) => pdf.font(face).fontSize(size).widthOfString(text);
  return { pdf, done, measure };
}

function drawFields(pdf: PDFKit.PDFDocument, form: CertificateForm, values: CertificateValues, measure: Measure): void {
  for (const p of layoutCertificate(form, values, measure)) {
    pdf
      .font(p.face)
      .fontSize(p.fontSize)
      .fillColor('black')
      .text(p.text, p.left, p.top, { width: p.width, align: p.align, lineBreak: false });
  }
}

async function finish(
  form: CertificateForm,
  pages: number,
  pdf: PDFKit.PDFDocument,
  done: Promise<Buffer>,
): Promise<CertificatePrint> {
  pdf.end();
  const bytes = await done;
  return { bytes, sha256: sha256(bytes), pages, formId: form.formId, formVersion: form.version };
}

/**
 * The certificates' words on the form's blank, one page each, nothing else:
 * the emblem and the frame are on the paper already. Deterministic: the
 * same certificates and form version give the same bytes.
 */
export function renderCertificates(
  form: CertificateForm,
  certificates: readonly CertificateText[],
  options: CertificatePrintOptions,
): Promise<CertificatePrint> {
  const keywords = `form:${form.formId}@${form.version} ${certificates.map((c) => c.nominationId).join(' ')}`;
  const { pdf, done, measure } = open(form, options, keywords);
  for (const certificate of certificates) {
    pdf.addPage({ size: [form.page.width * MM, form.page.height * MM], margin: 0 });
    drawFields(pdf, form, certificate.values, measure);
  }
  return finish(form, certificates.length, pdf, done);
}

const BOX_COLOUR = '#1f5fbf';

/**
 * A page to print on a blank (or on plain paper held against one against the
 * light): a millimetre grid, numbered every 10 mm, and each field's box with
 * its name and a sample line, so the Board can see how far to move a field.
 */
export function renderCalibration(form: CertificateForm): Promise<CertificatePrint> {
  const { pdf, done, measure } = open(
    form,
    { title: `Trang căn chỉnh mẫu phôi ${form.formId}` },
    `form:${form.formId}@${form.version} calibration`,
  );
  const width = form.page.width * MM;
  const height = form.page.height * MM;
  pdf.addPage({ size: [width, height], margin: 0 });
  for (let mm = 0; mm <= Math.max(form.page.width, form.page.height); mm += 5) {
    const major = mm % 10 === 0;
    const shade = major ? '#9a9a9a' : '#d4d4d4';
    if (mm <= form.page.width) {
      pdf
        .moveTo(mm * MM, 0)
        .lineTo(mm * MM, height)
        .lineWidth(major ? 0.4 : 0.2)
        .strokeColor(shade)
        .stroke();
    }
    if (mm <= form.page.height) {
      pdf
        .moveTo(0, mm * MM)
        .lineTo(width, mm * MM)
        .lineWidth(major ? 0.4 : 0.2)
        .strokeColor(shade)
        .stroke();
    }
    if (major && mm > 0) {
      pdf.font('regular').fontSize(6).fillColor('#555555');
      if (mm < form.page.width) pdf.text(String(mm), mm * MM + 1, 2, { lineBreak: false });
      if (mm < form.page.height) pdf.text(String(mm), 2, mm * MM + 1, { lineBreak: false });
    }
  }
  for (const p of layoutCertificate(form, SAMPLE, measure)) {
    const lineHeight = p.fontSize * 1.15;
    pdf.rect(p.left, p.top, p.width, lineHeight).lineWidth(0.8).strokeColor(BOX_COLOUR).stroke();
    pdf
      .font('regular')
      .fontSize(6.5)
      .fillColor(BOX_COLOUR)
      .text(labelOf(form, p.field), p.left + 1, p.top - 8, { lineBreak: false });
    pdf
      .font(p.face as FieldFace)
      .fontSize(p.fontSize)
      .fillColor('black')
      .text(p.text, p.left, p.top, { width: p.width, align: p.align, lineBreak: false });
  }
  return finish(form, 1, pdf, done);
}

function labelOf(form: CertificateForm, field: (typeof CERTIFICATE_FIELDS)[number]): string {
  const f = form.fields[field];
  return `${field}  x ${f.x} · y ${f.y} mm · ${f.fontSize} pt · ${f.align} · ≤ ${f.maxWidth} mm`;
}
