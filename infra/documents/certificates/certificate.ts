import type { ClosedState } from '@laurel/domain';
import {
  awardNameVi,
  latest,
  ordered,
  vietnameseDate,
  type DocumentNames,
  type NominationRecord,
} from '../builders/common';
import { DocumentRecordError } from '../builders/decision';
import type { CertificateValues } from './layout';

/** One certificate to print: its words, and the nomination it is for. */
export interface CertificateText {
  readonly nominationId: string;
  readonly values: CertificateValues;
  /** The record's last event time: the PDF's date, so a reprint gives the same bytes. */
  readonly recordedAt: string;
}

function approved(record: NominationRecord): ClosedState | undefined {
  const { state } = record;
  return state.stage === 'Closed' && state.decision?.outcome === 'approved' ? state : undefined;
}

/** The words of an approved nomination's certificate, in the province's names. */
export function certificateText(state: ClosedState, province: string, names: DocumentNames): CertificateText {
  const { nominee, awardType, campaignYear, nominationId } = state.nomination;
  const decision = state.decision!;
  const date = vietnameseDate(decision.decisionDate);
  return {
    nominationId,
    recordedAt: state.lastEventAt,
    values: {
      awardee: nominee.name,
      position: nominee.kind === 'individual' ? (nominee.position ?? '') : '',
      unit: names.unit(nominee.unitId),
      award: `${awardNameVi(awardType)} năm ${campaignYear}`,
      decision: `Quyết định số ${decision.decisionNumber} ${date}`,
      placeAndDate: `${names.province(province)}, ${date}`,
      signerTitle: 'CHỦ TỊCH',
      signer: names.person(decision.decidedBy),
    },
  };
}

/**
 * Certificates for the nominations given: one approved nomination, or every
 * one approved under a decision number (in the order of the decision's list,
 * collectives last). Refuses when nothing given was awarded.
 */
export function certificatesFor(
  records: readonly NominationRecord[],
  province: string,
  names: DocumentNames,
  decisionNumber?: string,
): CertificateText[] {
  const states = ordered(records)
    .map(approved)
    .filter((s): s is ClosedState => s !== undefined)
    .filter((s) => decisionNumber === undefined || s.decision!.decisionNumber === decisionNumber);
  if (states.length === 0) {
    throw new DocumentRecordError('NOTHING_TO_ISSUE', 'no approved nomination to print a certificate for', {
      ...(decisionNumber ? { decisionNumber } : {}),
    });
  }
  return states.map((s) => certificateText(s, province, names));
}

/** The latest record time among certificates, for the PDF's dates. */
export function certificatesRecordedAt(certificates: readonly CertificateText[]): string {
  return latest(certificates.map((c) => c.recordedAt));
}
