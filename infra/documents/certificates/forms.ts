/**
 * Where a certificate's words go on a province's pre-printed blank (phôi
 * bằng khen). The blank carries the emblem, the title and the frame; Laurel
 * prints only the record's words, each at its own place, so the Board lines
 * the printer up once per form and every later print lands in the same spot.
 * Millimetres from the sheet's top-left corner, as a ruler on the blank reads.
 */
export const CERTIFICATE_FIELDS = [
  'awardee',
  'position',
  'unit',
  'award',
  'decision',
  'placeAndDate',
  'signerTitle',
  'signer',
] as const;
export type CertificateField = (typeof CERTIFICATE_FIELDS)[number];

export type FieldAlign = 'left' | 'center' | 'right';
export type FieldFace = 'regular' | 'bold' | 'italic' | 'boldItalic';

export interface FieldPlacement {
  /** The anchor: the left edge (left), the centre (center) or the right edge (right) of the line, in mm. */
  readonly x: number;
  /** The top of the line, in mm. */
  readonly y: number;
  /** Points. */
  readonly fontSize: number;
  readonly align: FieldAlign;
  /** The widest the line may be, in mm: a longer text is set smaller until it fits. */
  readonly maxWidth: number;
  readonly face: FieldFace;
  /** A field the blank already prints (or the province leaves empty) is switched off. */
  readonly enabled: boolean;
}

export interface CertificateFormLayout {
  /** Sheet size in mm (A4 landscape: 297 × 210). */
  readonly page: { readonly width: number; readonly height: number };
  readonly fields: Readonly<Record<CertificateField, FieldPlacement>>;
}

/** A form as kept: its layout at one version. Version 1 is the built-in default; each change adds one. */
export interface CertificateForm extends CertificateFormLayout {
  readonly formId: string;
  readonly province: string;
  readonly name: string;
  readonly version: number;
  /** Who made this version and when; absent for the built-in default. */
  readonly changedBy?: string;
  readonly changedAt?: string;
}

const field = (
  x: number,
  y: number,
  fontSize: number,
  face: FieldFace,
  maxWidth: number,
  align: FieldAlign = 'center',
): FieldPlacement => ({ x, y, fontSize, align, maxWidth, face, enabled: true });

/**
 * The common Bằng khen blank, A4 landscape: the pre-printed "TẶNG" above the
 * name, the achievement lines in the middle, the signature block bottom right.
 */
const BANG_KHEN_A4_NGANG: CertificateFormLayout = {
  page: { width: 297, height: 210 },
  fields: {
    awardee: field(148.5, 92, 24, 'bold', 220),
    position: field(148.5, 106, 15, 'italic', 220),
    unit: field(148.5, 115, 15, 'italic', 220),
    award: field(148.5, 127, 15, 'regular', 230),
    decision: field(80, 168, 12, 'italic', 110),
    placeAndDate: field(215, 146, 13, 'italic', 120),
    signerTitle: field(215, 154, 13, 'bold', 120),
    signer: field(215, 186, 14, 'bold', 120),
  },
};

/** The same blank in portrait, which some provinces print for collectives. */
const BANG_KHEN_A4_DOC: CertificateFormLayout = {
  page: { width: 210, height: 297 },
  fields: {
    awardee: field(105, 120, 22, 'bold', 170),
    position: field(105, 134, 14, 'italic', 170),
    unit: field(105, 143, 14, 'italic', 170),
    award: field(105, 156, 14, 'regular', 175),
    decision: field(60, 262, 11, 'italic', 95),
    placeAndDate: field(150, 200, 13, 'italic', 100),
    signerTitle: field(150, 208, 13, 'bold', 100),
    signer: field(150, 242, 14, 'bold', 100),
  },
};

export const BUILT_IN_FORMS: Readonly<
  Record<string, { readonly name: string; readonly layout: CertificateFormLayout }>
> = {
  'bang-khen-a4-ngang': { name: 'Bằng khen A4 ngang', layout: BANG_KHEN_A4_NGANG },
  'bang-khen-a4-doc': { name: 'Bằng khen A4 dọc', layout: BANG_KHEN_A4_DOC },
};

/** Each province's default form, by the directory's province id; others print on the landscape blank. */
export const PROVINCE_DEFAULT_FORMS: Readonly<Record<string, string>> = {
  'ninh-thuan': 'bang-khen-a4-ngang',
};

export function defaultFormId(province: string): string {
  return PROVINCE_DEFAULT_FORMS[province] ?? 'bang-khen-a4-ngang';
}

export function builtInForm(province: string, formId: string): CertificateForm | undefined {
  const built = BUILT_IN_FORMS[formId];
  if (!built) return undefined;
  return { formId, province, name: built.name, version: 1, ...built.layout };
}

/**
 * Why a layout cannot be printed: a field off the sheet or a box that runs
 * over its edge would print on the blank's frame, or on the platen. Answers
 * the fields at fault, empty when the layout is sound.
 */
export function layoutProblems(layout: CertificateFormLayout): { field: CertificateField; problem: string }[] {
  const problems: { field: CertificateField; problem: string }[] = [];
  const { width, height } = layout.page;
  for (const name of CERTIFICATE_FIELDS) {
    const f = layout.fields[name];
    const left = f.align === 'left' ? f.x : f.align === 'center' ? f.x - f.maxWidth / 2 : f.x - f.maxWidth;
    const lineHeight = (f.fontSize * 25.4) / 72;
    if (left < 0 || left + f.maxWidth > width) problems.push({ field: name, problem: 'box runs past the sheet side' });
    if (f.y < 0 || f.y + lineHeight > height) problems.push({ field: name, problem: 'line runs past the sheet edge' });
  }
  return problems;
}
