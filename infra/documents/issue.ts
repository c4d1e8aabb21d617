import { createHash } from 'node:crypto';
import stringify from 'safe-stable-stringify';
import type { DocumentFormat, IssuedFile } from '@laurel/domain';
import type { AdministrativeDocument } from './model';
import { renderDocx } from './render-docx';
import { renderPdf } from './render-pdf';

export interface RenderedFile extends IssuedFile {
  readonly bytes: Buffer;
  readonly contentType: string;
}

export interface RenderedDocument {
  readonly documentId: string;
  readonly model: AdministrativeDocument;
  readonly files: Readonly<Record<DocumentFormat, RenderedFile>>;
}

export const CONTENT_TYPES: Readonly<Record<DocumentFormat, string>> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

/** Bumped when a renderer changes its output for the same model, so new bytes get a new id. */
const RENDERER_VERSION = 2;

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * A document's id is its content's digest: the same words, names and dates
 * rebuild under the same id, and any change to the record, the template or
 * the directory's names makes another document (never a second version of
 * this one, which the audit could not tell apart).
 */
export function documentIdOf(model: AdministrativeDocument): string {
  const digest = sha256(Buffer.from(stringify({ renderer: RENDERER_VERSION, model }) ?? '', 'utf8'));
  return `${model.kind.replace('_', '-')}-${digest.slice(0, 32)}`;
}

function file(format: DocumentFormat, bytes: Buffer): RenderedFile {
  return { format, sha256: sha256(bytes), sizeBytes: bytes.length, bytes, contentType: CONTENT_TYPES[format] };
}

export async function renderDocument(model: AdministrativeDocument): Promise<RenderedDocument> {
  const documentId = documentIdOf(model);
  const [docx, pdf] = await Promise.all([renderDocx(model, documentId), renderPdf(model, documentId)]);
  return { documentId, model, files: { docx: file('docx', docx), pdf: file('pdf', pdf) } };
}
