import type { AwardType, Evidence, NomineeKind, NomineeRecord } from '../nomination/values';

/**
 * A unit's dossier (hồ sơ đề nghị khen thưởng): one submission with its
 * proposal letter and minutes, listing N nominees. Each nominee stays its own
 * nomination (own stream, own workflow, own audit); the dossier's stream
 * `dossier-<id>` keeps the list as it was imported and what each batch action
 * did to each item, so the record says who was proposed together and how.
 */

export interface DossierListItem {
  readonly itemNo: number;
  /** The sheet row it came from. */
  readonly row: number;
  readonly nominationId: string;
  readonly kind: NomineeKind;
  readonly name: string;
  readonly dateOfBirth?: string;
  readonly awardType: AwardType;
  /**
   * What the item's draft says besides the above, kept so an interrupted
   * draft batch can be finished from the record alone, without the file.
   * Absent on dossiers recorded before it was kept.
   */
  readonly position?: string;
  readonly personId?: string;
  readonly achievements?: string;
  readonly record?: NomineeRecord;
}

export type DossierBatchAction = 'draft' | 'submit' | 'withdraw';

export interface DossierItemResult {
  readonly itemNo: number;
  readonly nominationId: string;
  readonly ok: boolean;
  /** The nomination's stage after the action, when it was taken. */
  readonly stage?: string;
  /** The refusal's code and message, when it was not. */
  readonly code?: string;
  readonly message?: string;
}

export const DossierEventType = {
  DossierCreated: 'DossierCreated',
  DossierBatchStarted: 'DossierBatchStarted',
  DossierBatchFinished: 'DossierBatchFinished',
} as const;

export interface DossierCreatedData {
  readonly dossierId: string;
  readonly campaignId: string;
  readonly campaignYear: number;
  readonly province: string;
  readonly unitId: string;
  readonly blockId: string;
  readonly title: string;
  /** The documents sent once for the whole list: proposal letter, minutes, achievement report. */
  readonly evidence: readonly Evidence[];
  readonly source: { readonly fileName: string; readonly format: 'xlsx' | 'csv'; readonly sha256: string };
  readonly items: readonly DossierListItem[];
  readonly at: string;
  readonly by: { readonly userId: string; readonly role: string };
}

export interface DossierBatchStartedData {
  readonly batchId: string;
  readonly action: DossierBatchAction;
  readonly total: number;
  /** A withdrawal's reason, so the batch can be finished as it was asked. */
  readonly reason?: string;
  readonly at: string;
  readonly by: { readonly userId: string; readonly role: string };
}

export interface DossierBatchFinishedData {
  readonly batchId: string;
  readonly action: DossierBatchAction;
  readonly succeeded: number;
  readonly failed: number;
  readonly results: readonly DossierItemResult[];
  readonly at: string;
}

export type DossierEvent =
  | { readonly type: 'DossierCreated'; readonly data: DossierCreatedData }
  | { readonly type: 'DossierBatchStarted'; readonly data: DossierBatchStartedData }
  | { readonly type: 'DossierBatchFinished'; readonly data: DossierBatchFinishedData };

export interface DossierBatch {
  readonly batchId: string;
  readonly action: DossierBatchAction;
  readonly total: number;
  readonly reason?: string;
  readonly startedBy?: { readonly userId: string; readonly role: string };
  readonly startedAt: string;
  readonly finished?: { readonly at: string; readonly succeeded: number; readonly failed: number };
  readonly results?: readonly DossierItemResult[];
}

export interface DossierState {
  readonly version: number;
  readonly dossier?: DossierCreatedData;
  readonly batches: readonly DossierBatch[];
}

export const initialDossierState: DossierState = { version: 0, batches: [] };

export function evolveDossier(state: DossierState, event: DossierEvent): DossierState {
  const version = state.version + 1;
  switch (event.type) {
    case 'DossierCreated':
      return { ...state, version, dossier: event.data };
    case 'DossierBatchStarted':
      return {
        ...state,
        version,
        batches: [
          ...state.batches,
          {
            batchId: event.data.batchId,
            action: event.data.action,
            total: event.data.total,
            ...(event.data.reason !== undefined ? { reason: event.data.reason } : {}),
            startedBy: event.data.by,
            startedAt: event.data.at,
          },
        ],
      };
    case 'DossierBatchFinished':
      return {
        ...state,
        version,
        batches: state.batches.map((b) =>
          b.batchId === event.data.batchId
            ? {
                ...b,
                finished: { at: event.data.at, succeeded: event.data.succeeded, failed: event.data.failed },
                results: event.data.results,
              }
            : b,
        ),
      };
  }
}

/** A batch that started and never finished (the process stopped under it): running it again resumes it. */
export function unfinishedBatch(state: DossierState): DossierBatch | undefined {
  return state.batches.find((b) => b.finished === undefined);
}

export function dossierStreamName(dossierId: string): string {
  return `dossier-${dossierId}`;
}
