export * from './model';
export * from './builders/common';
export { buildDecision, DocumentRecordError, type DecisionInput } from './builders/decision';
export * from './templates';
export { renderDocument, documentIdOf, sha256, CONTENT_TYPES, type RenderedDocument, type RenderedFile } from './issue';
export { readZip, writeZip } from './zip';
export { buildBlockMinutes, buildCouncilMinutes, buildProposalLetter } from './builders/lists';
export {
  buildCouncilSessionMinutes,
  type CouncilSessionMinutesInput,
  type CouncilSessionMinutesItem,
} from './builders/session-minutes';
export { buildDocument, type BuiltDocument } from './builders/build';
export { DocumentStore, type DocumentSubject, type StoredDocumentFile } from './document-store';
export * from './certificates';
