import type { DocumentKind } from '@laurel/domain';

/**
 * An administrative document laid out as Decree 30/2020/NĐ-CP (Appendix I)
 * prescribes, independent of the file format: the DOCX and PDF renderers
 * read this and nothing else, so both files say the same words in the same
 * places. Plain data: its canonical JSON names the document (see documentId).
 */
export interface AdministrativeDocument {
  readonly kind: DocumentKind;
  /** The file's title property, e.g. "Quyết định 163/QĐ-UBND". */
  readonly title: string;
  readonly header: DocumentHeader;
  /** The name of the document type, upper case and bold: QUYẾT ĐỊNH, TỜ TRÌNH, BIÊN BẢN. */
  readonly heading: string;
  /** The summary of content (trích yếu), under the heading. */
  readonly subject: string;
  readonly body: readonly Block[];
  readonly signatures: readonly SignatureBlock[];
  /** Nơi nhận, bottom left; empty for minutes. */
  readonly recipients: readonly string[];
  /** The attached list (phụ lục), on a page of its own. */
  readonly annex?: Annex;
  /**
   * The instant the record reached the state this document shows (its last
   * event's time). The files' own dates are this, never the clock, so the
   * same record gives the same bytes.
   */
  readonly recordedAt: string;
  /** The nominations listed, in the document's order: each gets the DocumentIssued event. */
  readonly nominationIds: readonly string[];
}

export interface DocumentHeader {
  /** The body above the issuer (cơ quan chủ quản), upper case, regular; may be empty. */
  readonly parentBody?: string;
  /** The issuing body (cơ quan ban hành), upper case, bold. */
  readonly issuingBody: string;
  /** "Số: 163/QĐ-UBND"; a proposal letter leaves the number blank for the unit's clerk. */
  readonly number: string;
  /** "Ninh Thuận, ngày 14 tháng 3 năm 2025". */
  readonly placeAndDate: string;
}

export type Block =
  | { readonly type: 'paragraph'; readonly text: string; readonly style?: 'plain' | 'italic' | 'bold' }
  /** A centred bold line inside the body: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", "QUYẾT ĐỊNH:". */
  | { readonly type: 'centred'; readonly text: string }
  /** "Điều 1." in bold followed by its text. */
  | { readonly type: 'article'; readonly label: string; readonly text: string }
  | { readonly type: 'table'; readonly table: Table };

export interface Table {
  readonly columns: readonly { readonly title: string; readonly width: number; readonly align?: 'left' | 'center' }[];
  /** Cells as text; a row of one cell spans the table (a group heading). */
  readonly rows: readonly (readonly string[])[];
}

export interface SignatureBlock {
  /** "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"; may be empty. */
  readonly authority?: string;
  /** "CHỦ TỊCH", "THƯ KÝ". */
  readonly title: string;
  readonly name: string;
}

export interface Annex {
  readonly heading: string;
  readonly subheading: string;
  /** "(Kèm theo Quyết định số … của …)". */
  readonly attachedTo: string;
  readonly table: Table;
}
