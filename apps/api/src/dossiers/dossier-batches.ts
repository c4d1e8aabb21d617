import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  unfinishedBatch,
  type DossierBatchAction,
  type DossierCreatedData,
  type DossierItemResult,
  type DossierState,
} from '@laurel/domain/dossier/dossier';
import type { DossierItem } from '@laurel/domain/dossier/rows';
import { comparePositions, parsePosition } from '@laurel/infra/event-store/port';
import type { ActionResult } from '@laurel/workflows/nomination/messages';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiError } from '../common/api-error';
import { DraftNominationCommand } from '../nominations/draft-nomination/draft-nomination.command';
import { CLOCK } from '../tokens';
import { draftContent, draftKey } from './dossier-import';
import type { DossierBatchResult } from './dossier-schemas';
import { DossierStream } from './dossier-stream';

/** Items acted on at once: enough to hide round trips, few enough for one dev server. */
const PARALLEL_ITEMS = 4;

export type Progress = (done: number, total: number, item: DossierItemResult) => void;

/**
 * One action on every item of a dossier, recorded as a batch in the dossier's
 * stream (started, then finished with a result per item), so that a batch a
 * stopped process left unfinished is found and run again with the same keys.
 */
@Injectable()
export class DossierBatches {
  constructor(
    private readonly commands: CommandBus,
    private readonly stream: DossierStream,
    @Inject(CLOCK) private readonly clock: () => Date,
  ) {}

  /** Drafts every item of the dossier (or what an earlier run left), each its own nomination. */
  draft(
    user: AuthenticatedUser,
    state: DossierState,
    items: readonly DossierItem[],
    onProgress?: Progress,
  ): Promise<DossierBatchResult> {
    const dossier = state.dossier!;
    const byNo = new Map(items.map((i) => [i.itemNo, i]));
    return this.run(user, state, 'draft', onProgress, {}, (item) =>
      this.commands.execute(
        new DraftNominationCommand(
          user,
          {
            ...draftContent(byNo.get(item.itemNo)!, dossier.unitId, dossier.campaignYear, dossier.evidence),
            campaignId: dossier.campaignId,
          } as never,
          draftKey(dossier.dossierId, item.itemNo),
          dossier.dossierId,
          item.nominationId,
        ),
      ),
    );
  }

  /** Runs `act` on every item, a few at a time; one failure is that item's result and does not stop the others. */
  async run(
    user: AuthenticatedUser,
    before: DossierState,
    action: DossierBatchAction,
    onProgress: Progress | undefined,
    asked: { readonly reason?: string },
    act: (item: DossierCreatedData['items'][number]) => Promise<ActionResult>,
  ): Promise<DossierBatchResult> {
    const dossier = before.dossier!;
    const pending = unfinishedBatch(before);
    const resumed = pending !== undefined && pending.action === action;
    if (pending && !resumed) {
      throw new ApiError(
        409,
        'BATCH_UNFINISHED',
        `a ${pending.action} batch of this dossier is unfinished: run it again first`,
        {
          batchId: pending.batchId,
          action: pending.action,
        },
      );
    }
    const batchId = resumed ? pending.batchId : randomUUID();
    let state = before;
    if (!resumed) {
      state = await this.stream.append(
        state,
        dossier.dossierId,
        {
          type: 'DossierBatchStarted',
          data: {
            batchId,
            action,
            total: dossier.items.length,
            ...(asked.reason !== undefined ? { reason: asked.reason } : {}),
            at: this.clock().toISOString(),
            by: { userId: user.userId, role: user.role },
          },
        },
        user,
      );
    }
    const results: DossierItemResult[] = new Array(dossier.items.length);
    let done = 0;
    let next = 0;
    let position: string | undefined;
    const worker = async () => {
      while (next < dossier.items.length) {
        const index = next++;
        const item = dossier.items[index]!;
        let result: DossierItemResult;
        try {
          const answer = await act(item);
          result = { itemNo: item.itemNo, nominationId: item.nominationId, ok: true, stage: answer.stage };
          if (
            answer.position &&
            (!position || comparePositions(parsePosition(answer.position), parsePosition(position)) > 0)
          ) {
            position = answer.position;
          }
        } catch (error) {
          // One item's refusal or outage is that item's result; the others go on.
          const known = error instanceof ApiError;
          result = {
            itemNo: item.itemNo,
            nominationId: item.nominationId,
            ok: false,
            code: known ? error.code : 'ERROR',
            message: error instanceof Error ? error.message : String(error),
          };
        }
        results[index] = result;
        done++;
        onProgress?.(done, dossier.items.length, result);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_ITEMS, dossier.items.length) }, worker));
    const succeeded = results.filter((r) => r.ok).length;
    await this.stream.append(
      state,
      dossier.dossierId,
      {
        type: 'DossierBatchFinished',
        data: {
          batchId,
          action,
          succeeded,
          failed: results.length - succeeded,
          results,
          at: this.clock().toISOString(),
        },
      },
      user,
    );
    return {
      dossierId: dossier.dossierId,
      action,
      batchId,
      total: results.length,
      succeeded,
      failed: results.length - succeeded,
      resumed,
      ...(position ? { position } : {}),
      items: results,
    };
  }
}
