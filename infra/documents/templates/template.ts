import type { DocumentKind } from '@laurel/domain';

/**
 * The words of one kind of document, as data. A province overrides what its
 * practice words differently (its regulation among the legal bases, who
 * signs); everything else comes from the default. The version goes into
 * every DocumentIssued event, so the audit knows which wording was issued:
 * raise it whenever the text changes.
 *
 * Placeholders in braces are filled by the builders: {province} (Ninh Thuận),
 * {PROVINCE} (NINH THUẬN), {year}, {count}, {unit}, {UNIT}, {block}, {BLOCK},
 * {awards}, {decisionNumber}, {decisionDate}.
 */
export interface DocumentTemplate {
  /** `<province or default>.<kind>`. */
  readonly id: string;
  readonly version: number;
  readonly kind: DocumentKind;
  readonly parentBody: string;
  readonly issuingBody: string;
  /** After the number: "QĐ-UBND", "TTr-{unitCode}", "BB-HĐTĐKT". */
  readonly symbol: string;
  readonly heading: string;
  readonly subject: string;
  /** Addressee line of a letter ("Kính gửi: …"); empty for decisions and minutes. */
  readonly addressee: string;
  /** The authority line of a decision ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …"); empty otherwise. */
  readonly authority: string;
  /** Legal bases and grounds, italic, one a paragraph. */
  readonly grounds: readonly string[];
  /** Paragraphs before the list or the articles. */
  readonly opening: readonly string[];
  /** Articles of a decision, in order; empty for letters and minutes. */
  readonly articles: readonly string[];
  /** Paragraphs after the list. */
  readonly closing: readonly string[];
  readonly recipients: readonly string[];
  /** Left to right. */
  readonly signatures: readonly { readonly authority?: string; readonly title: string }[];
  /** Annex headings (decisions). */
  readonly annexHeading: string;
  readonly annexSubheading: string;
}

export type TemplateOverrides = Partial<Record<DocumentKind, Partial<Omit<DocumentTemplate, 'id' | 'kind'>>>>;

export function fill(text: string, values: Readonly<Record<string, string | number>>): string {
  return text.replace(/\{([A-Za-z]+)\}/g, (whole, key: string) =>
    Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole,
  );
}
