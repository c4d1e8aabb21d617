import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { localDate, resolvePolicy, type PolicyRegistry } from '@laurel/domain';
import {
  evolveDossier,
  initialDossierState,
  unfinishedBatch,
  type DossierCreatedData,
  type DossierEvent,
  type DossierState,
} from '@laurel/domain/dossier/dossier';
import { parseDossierRows, type DossierItem, type DossierRowProblem } from '@laurel/domain/dossier/rows';
import type { Directory } from '@laurel/infra/directory';
import { settleAppendsSoFar } from '@laurel/infra/event-store/port';
import type { Stores } from '@laurel/infra/runtime/stores';
import { outOfScope, roleNotAllowed } from '../access/nomination-access';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CampaignWorkflows } from '../campaigns/campaign-workflows';
import { assertCampaignScope } from '../campaigns/campaign-access';
import { ApiError } from '../common/api-error';
import { ApiErrorCode } from '../common/error-codes';
import { actorOf } from '../nominations/nomination-workflows';
import { SubmitNominationCommand } from '../nominations/submit-nomination/submit-nomination.command';
import { TableActionCommand } from '../nominations/table-action/table-action.command';
import { CLOCK, DIRECTORY, POLICIES, STORES } from '../tokens';
import { DossierBatches, type Progress } from './dossier-batches';
import { readDossierFile, UnreadableFileError } from './dossier-file';
import { dossierIdOf, dossierNominationId, draftProblems, invalidFile } from './dossier-import';
import type { DossierBatchResult, DossierSummary, DossierView, ImportDossierRequest } from './dossier-schemas';
import { DossierStream, dossierNotFound } from './dossier-stream';
import { DossierViews } from './dossier-views';

export type { Progress } from './dossier-batches';

export interface DossierPreview {
  readonly dossierId: string;
  readonly campaignId: string;
  readonly campaignYear: number;
  readonly items: readonly Pick<DossierItem, 'itemNo' | 'row' | 'kind' | 'name' | 'dateOfBirth' | 'awardType'>[];
}

export interface PreparedImport {
  readonly preview: DossierPreview;
  run(onProgress?: Progress): Promise<DossierBatchResult>;
}

/** How long a start waits for store transactions older than itself to settle before it looks for unfinished batches. */
const RESUME_SETTLE_WAIT_MS = 30_000;

export interface ResumeOutcome {
  readonly resumed: string[];
  readonly left: { dossierId: string; reason: string }[];
  /** False when a store transaction older than the start outlasted the wait: a batch it holds waits for the next start. */
  readonly settled: boolean;
}

/**
 * A unit's dossier: a list read from XLSX or CSV, checked whole before
 * anything is created, then one nomination per nominee, each its own workflow.
 * Batch actions (draft, submit, withdraw) act on every item, one failure not
 * stopping the others; each item's action has a deterministic idempotency key,
 * so running a batch again (after a crash, a lost answer) resumes it: items
 * already done answer their first result and nothing is done twice. The
 * stream, the batches and the views are in dossier-stream.ts,
 * dossier-batches.ts and dossier-views.ts.
 */
@Injectable()
export class DossiersService {
  constructor(
    private readonly commands: CommandBus,
    private readonly campaigns: CampaignWorkflows,
    private readonly stream: DossierStream,
    private readonly batches: DossierBatches,
    private readonly views: DossierViews,
    @Inject(STORES) private readonly stores: Stores,
    @Inject(DIRECTORY) private readonly directory: Directory,
    @Inject(POLICIES) private readonly policies: PolicyRegistry,
    @Inject(CLOCK) private readonly clock: () => Date,
  ) {}

  /** Reads and checks the whole list; throws 400 DOSSIER_INVALID naming every bad row, having created nothing. */
  async prepareImport(user: AuthenticatedUser, body: ImportDossierRequest): Promise<PreparedImport> {
    if (user.role !== 'unit_officer') throw roleNotAllowed(user, 'DraftNomination');
    const unit = user.unitId === undefined ? undefined : this.directory.unit(user.unitId);
    const block = unit && this.directory.blockOfUnit(unit.id);
    if (!unit || !block) {
      throw outOfScope('only a unit that is a member of an emulation block can propose', {
        yourUnitId: user.unitId ?? null,
      });
    }
    const campaign = await this.campaigns.get(body.campaignId);
    assertCampaignScope(user, campaign);
    const definition = campaign.definition!;
    const campaignYear = body.campaignYear ?? definition.toYear;

    const bytes = Buffer.from(body.contentBase64, 'base64');
    if (bytes.length === 0 || bytes.toString('base64').replace(/=+$/, '') !== body.contentBase64.replace(/=+$/, '')) {
      throw new ApiError(400, ApiErrorCode.INVALID_BODY, 'contentBase64 is not base64', {});
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    let rows: string[][];
    try {
      rows = await readDossierFile(body.format, bytes);
    } catch (error) {
      if (error instanceof UnreadableFileError) {
        throw invalidFile([{ row: 1, code: error.code, params: { ...error.params }, reason: error.message }], 0);
      }
      throw error;
    }
    const now = this.clock().toISOString();
    const policy = resolvePolicy(this.policies, unit.province, now);
    const parsed = parseDossierRows(rows, { campaignYear, today: localDate(now, policy.calendar) });
    const dossierId = dossierIdOf(unit.id, definition.campaignId, sha256);
    const nominationIdOf = (itemNo: number) => dossierNominationId(dossierId, itemNo);
    const evidence = body.evidence;
    const problems: DossierRowProblem[] = [
      ...parsed.problems,
      ...draftProblems(parsed.items, {
        dossierId,
        campaign,
        campaignYear,
        province: unit.province,
        unitId: unit.id,
        blockId: block.id,
        actor: actorOf(user),
        evidence,
        now,
        policy,
      }),
    ];
    if (problems.length > 0) {
      throw invalidFile(
        problems.sort((a, b) => a.row - b.row),
        rows.length,
      );
    }

    const preview: DossierPreview = {
      dossierId,
      campaignId: definition.campaignId,
      campaignYear,
      items: parsed.items.map(({ itemNo, row, kind, name, dateOfBirth, awardType }) => ({
        itemNo,
        row,
        kind,
        name,
        ...(dateOfBirth ? { dateOfBirth } : {}),
        awardType,
      })),
    };
    const created: DossierCreatedData = {
      dossierId,
      campaignId: definition.campaignId,
      campaignYear,
      province: unit.province,
      unitId: unit.id,
      blockId: block.id,
      title: body.title ?? `Hồ sơ đề nghị khen thưởng năm ${campaignYear} – ${unit.name}`,
      evidence,
      source: { fileName: body.fileName, format: body.format, sha256 },
      items: parsed.items.map((item) => ({
        itemNo: item.itemNo,
        row: item.row,
        nominationId: nominationIdOf(item.itemNo),
        kind: item.kind,
        name: item.name,
        ...(item.dateOfBirth ? { dateOfBirth: item.dateOfBirth } : {}),
        awardType: item.awardType,
        ...(item.position ? { position: item.position } : {}),
        ...(item.personId ? { personId: item.personId } : {}),
        achievements: item.achievements,
        record: item.record,
      })),
      at: now,
      by: { userId: user.userId, role: user.role },
    };
    return {
      preview,
      run: async (onProgress) => {
        let state = await this.stream.readState(dossierId);
        if (!state.dossier) {
          state = await this.stream.append(state, dossierId, { type: 'DossierCreated', data: created }, user);
        }
        // Every item already drafted by an earlier run: the first answer again, and nothing new recorded.
        const drafted = state.batches.find(
          (b) => b.action === 'draft' && b.results?.length === created.items.length && b.results.every((r) => r.ok),
        );
        if (drafted?.results && !unfinishedBatch(state)) {
          return {
            dossierId,
            action: 'draft',
            batchId: drafted.batchId,
            total: drafted.results.length,
            succeeded: drafted.results.length,
            failed: 0,
            resumed: false,
            items: [...drafted.results],
          };
        }
        return this.batches.draft(user, state, parsed.items, onProgress);
      },
    };
  }

  /**
   * Finishes every batch a stopped process left unfinished, as the person who
   * started it, with the same item keys: what was done answers with its first
   * result, the rest is done now. Called when the API starts; a batch that
   * cannot be finished from the record (its starter no longer in the
   * directory, a draft recorded without its content) stays for its next run.
   */
  async resumeUnfinished(signal?: AbortSignal): Promise<ResumeOutcome> {
    // The whole-log read shows only settled transactions: a batch whose start a stopped process was still
    // committing would be missed. Whatever was appended before now is waited for, within reason.
    const settled = await settleAppendsSoFar(this.stores.events, RESUME_SETTLE_WAIT_MS, signal ? { signal } : {});
    // Stopping: the next start finishes them.
    if (signal?.aborted) return { resumed: [], left: [], settled };
    const states = new Map<string, DossierState>();
    for await (const e of this.stores.events.readAll({ streamPrefixes: ['dossier-'] })) {
      const before = states.get(e.streamName) ?? initialDossierState;
      states.set(e.streamName, evolveDossier(before, { type: e.type, data: e.data } as unknown as DossierEvent));
    }
    const resumed: string[] = [];
    const left: { dossierId: string; reason: string }[] = [];
    for (const seen of states.values()) {
      if (!seen.dossier || !unfinishedBatch(seen)) continue;
      // The global log shows only settled transactions, so it can lag a batch's
      // last events; the dossier's own stream is read to be sure before acting again.
      const state = await this.stream.readState(seen.dossier.dossierId);
      const batch = unfinishedBatch(state);
      if (!state.dossier || !batch) continue;
      const { dossierId } = state.dossier;
      const starter = batch.startedBy && this.directory.findUser(batch.startedBy.userId);
      if (!starter) {
        left.push({ dossierId, reason: 'the person who started it is not in the directory' });
        continue;
      }
      const user: AuthenticatedUser = {
        userId: starter.id,
        name: starter.displayName,
        role: starter.role,
        ...(starter.unitId !== undefined ? { unitId: starter.unitId } : {}),
        ...(starter.blockId !== undefined ? { blockId: starter.blockId } : {}),
        ...(starter.province !== undefined ? { province: starter.province } : {}),
      };
      if (batch.action === 'draft') {
        const items = state.dossier.items.map((i) =>
          i.achievements !== undefined && i.record !== undefined
            ? ({ ...i, achievements: i.achievements, record: i.record } satisfies DossierItem)
            : undefined,
        );
        if (items.some((i) => i === undefined)) {
          left.push({ dossierId, reason: 'recorded without the items’ content: import the file again' });
          continue;
        }
        await this.batches.draft(user, state, items as DossierItem[]);
      } else if (batch.action === 'submit') {
        await this.submit(user, dossierId);
      } else {
        await this.withdraw(user, dossierId, batch.reason ?? '');
      }
      resumed.push(dossierId);
    }
    return { resumed, left, settled };
  }

  /** Submits (unit head) every item of the dossier; a result per item. */
  async submit(user: AuthenticatedUser, dossierId: string, onProgress?: Progress): Promise<DossierBatchResult> {
    const state = await this.ownDossier(user, dossierId, 'unit_head');
    return this.batches.run(user, state, 'submit', onProgress, {}, (item) =>
      this.commands.execute(new SubmitNominationCommand(user, item.nominationId, {}, `dossier:${dossierId}:submit`)),
    );
  }

  /** Withdraws (unit head) every item still open; a result per item. */
  async withdraw(
    user: AuthenticatedUser,
    dossierId: string,
    reason: string,
    onProgress?: Progress,
  ): Promise<DossierBatchResult> {
    const state = await this.ownDossier(user, dossierId, 'unit_head');
    // Each withdrawal gives its campaign place back itself (TableActionHandler).
    return this.batches.run(user, state, 'withdraw', onProgress, { reason }, (item) =>
      this.commands.execute(
        new TableActionCommand(
          'WithdrawNomination',
          user,
          item.nominationId,
          { reason },
          `dossier:${dossierId}:withdraw`,
        ),
      ),
    );
  }

  private async ownDossier(user: AuthenticatedUser, dossierId: string, role: 'unit_head'): Promise<DossierState> {
    const state = await this.stream.readState(dossierId);
    if (!state.dossier) throw dossierNotFound(dossierId);
    if (user.role !== role) throw roleNotAllowed(user, role === 'unit_head' ? 'SubmitNomination' : 'DraftNomination');
    if (user.unitId !== state.dossier.unitId) {
      throw outOfScope('a unit acts only on its own dossiers', {
        dossierUnitId: state.dossier.unitId,
        yourUnitId: user.unitId ?? null,
      });
    }
    return state;
  }

  view(user: AuthenticatedUser, dossierId: string): Promise<DossierView> {
    return this.views.view(user, dossierId);
  }

  list(user: AuthenticatedUser, campaignId?: string): Promise<{ items: DossierSummary[] }> {
    return this.views.list(user, campaignId);
  }
}
