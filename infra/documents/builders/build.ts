import type { AdministrativeDocument } from '../model';
import { templateFor, type DocumentTemplate } from '../templates';
import type { DocumentSubject } from '../document-store';
import type { DocumentNames, NominationRecord } from './common';
import { buildDecision } from './decision';
import { buildBlockMinutes, buildCouncilMinutes, buildProposalLetter } from './lists';

export interface BuiltDocument {
  readonly model: AdministrativeDocument;
  readonly template: DocumentTemplate;
  /** What the document covers, in words, for DocumentIssued.reference. */
  readonly reference: string;
}

/** The document a subject asks for, from its nominations' records, in the province's wording. */
export function buildDocument(
  subject: DocumentSubject,
  records: readonly NominationRecord[],
  names: DocumentNames,
): BuiltDocument {
  const template = templateFor(subject.province, subject.kind);
  switch (subject.kind) {
    case 'decision':
      return {
        model: buildDecision({ ...subject, records }, template, names),
        template,
        reference: subject.decisionNumber,
      };
    case 'proposal_letter':
      return {
        model: buildProposalLetter({ ...subject, records }, template, names),
        template,
        reference: `${subject.unitId} ${subject.campaignYear}`,
      };
    case 'block_minutes':
      return {
        model: buildBlockMinutes({ ...subject, records }, template, names),
        template,
        reference: `${subject.blockId} ${subject.campaignYear}`,
      };
    case 'council_minutes':
      return {
        model: buildCouncilMinutes({ ...subject, records }, template, names),
        template,
        reference: `${subject.province} ${subject.campaignYear}`,
      };
  }
}
