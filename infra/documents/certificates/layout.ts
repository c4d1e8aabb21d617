import { CERTIFICATE_FIELDS, type CertificateField, type CertificateFormLayout, type FieldFace } from './forms';

/** 1 mm in PDF points. */
export const MM = 72 / 25.4;

/** The smallest share of its set size a long text may shrink to; longer still, it runs past its box (never cut). */
const MIN_SCALE = 0.6;

/** Width of a text in points at a size in a face: the renderer's font metrics (a fake one in tests). */
export type Measure = (text: string, face: FieldFace, fontSize: number) => number;

export type CertificateValues = Readonly<Record<CertificateField, string>>;

/** One line as it is drawn: a box in points from the top-left corner, and the text to set left in it. */
export interface PlacedField {
  readonly field: CertificateField;
  readonly text: string;
  readonly face: FieldFace;
  readonly fontSize: number;
  /** The box's left edge and width, in points; the text is aligned inside. */
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly align: 'left' | 'center' | 'right';
}

/** Rounded to a hundredth of a point: the same offsets give the same PDF operators, so the same bytes. */
const pt = (mm: number) => Math.round(mm * MM * 100) / 100;

/**
 * Places each enabled, non-empty field from its offsets: the anchor x is the
 * left edge, the centre or the right edge of a box maxWidth wide, and a text
 * wider than the box is set smaller (down to 60 %) so that the name is never
 * cut on a certificate that cannot be reprinted cheaply.
 */
export function layoutCertificate(
  layout: CertificateFormLayout,
  values: CertificateValues,
  measure: Measure,
): PlacedField[] {
  const placed: PlacedField[] = [];
  for (const name of CERTIFICATE_FIELDS) {
    const f = layout.fields[name];
    const text = values[name].trim();
    if (!f.enabled || text === '') continue;
    const widthMm = f.maxWidth;
    const leftMm = f.align === 'left' ? f.x : f.align === 'center' ? f.x - widthMm / 2 : f.x - widthMm;
    const width = pt(widthMm);
    let fontSize = f.fontSize;
    const natural = measure(text, f.face, fontSize);
    if (natural > width)
      fontSize = Math.max(f.fontSize * MIN_SCALE, Math.floor((f.fontSize * width * 10) / natural) / 10);
    placed.push({ field: name, text, face: f.face, fontSize, left: pt(leftMm), top: pt(f.y), width, align: f.align });
  }
  return placed;
}
