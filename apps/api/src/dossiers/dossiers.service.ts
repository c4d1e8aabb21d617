import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { v5 as uuidv5 } from 'uuid';
import { decide, initialState, localDate, resolvePolicy, type PolicyRegistry } from '@laurel/domain';
import { admissionRefusal, type CampaignState } from '@laurel/domain/campaign/campaign';
import {
  dossierStreamName,
  evolveDossier,
  initialDossierState,
  unfinishedBatch,
  type DossierBatchAction,
  type DossierCreatedData,
  type DossierEvent,
  type DossierItemResult,
  type DossierState,
} from '@laurel/domain/dossier/dossier';
import { parseDossierRows, type DossierItem, type DossierRowProblem } from '@laurel/domain/dossier/rows';
import type { Directory } from '@laurel/infra/directory';
import { ConcurrencyError } from '@laurel/infra/event-store/errors';
import { comparePositions, parsePosition } from '@laurel/infra/event-store/port';
import type { Stores } from '@laurel/infra/runtime/stores';
import type { ActionResult } from '@laurel/workflows/nomination/messages';
import { assertMayRead, outOfScope, roleNotAllowed } from '../access/nomination-access';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CampaignWorkflows } from '../campaigns/campaign-workflows';
import { assertCampaignScope } from '../campaigns/campaign-access';
import { ApiError } from '../common/api-error';
import { ApiErrorCode } from '../common/error-codes';
import { apiErrorFromDomain } from '../nominations/domain-errors';
import { DraftNominationCommand } from '../nominations/draft-nomination/draft-nomination.command';
import { actorOf } from '../nominations/nomination-workflows';
import { SubmitNominationCommand } from '../nominations/submit-nomination/submit-nomination.command';
import { TableActionCommand } from '../nominations/table-action/table-action.command';
import type { ReadModels } from '../projections/read-models';
import { CLOCK, DIRECTORY, POLICIES, PROJECTIONS, STORES } from '../tokens';
import { readDossierFile, UnreadableFileError } from './dossier-file';
import type { DossierBatchResult, DossierSummary, DossierView, ImportDossierRequest } from './dossier-schemas';

const DOSSIER_NAMESPACE = '5f1d2c3b-8a47-5e69-b0c1-d2e3f4a5b6c7';
const DOSSIER_ID = /^[0-9a-f-]{36}$/;
const DOSSIER_ITEM_NAMESPACE = 'c3e1a9b2-7d45-5f08-a6b3-1e2d4c5f6a7b';

/**
 * An item's nomination id, from its dossier and place alone: the dossier is
 * the unit's (unit, campaign, file), so another officer of the unit importing
 * the same file resumes the same nominations instead of drafting new ones.
 */
export function dossierNominationId(dossierId: string, itemNo: number): string {
  return uuidv5(draftKey(dossierId, itemNo), DOSSIER_ITEM_NAMESPACE);
}
/** Items acted on at once: enough to hide round trips, few enough for one dev server. */
const PARALLEL_ITEMS = 4;

export type Progress = (done: number, total: number, item: DossierItemResult) => void;

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

function invalidFile(problems: readonly DossierRowProblem[], rows: number): ApiError {
  const first = problems
    .slice(0, 3)
    .map((p) => `row ${p.row}${p.column ? ` (${p.column})` : ''}: ${p.reason}`)
    .join('; ');
  return new ApiError(
    400,
    'DOSSIER_INVALID',
    `the list has ${problems.length} problem(s); nothing was created. ${first}${problems.length > 3 ? '; …' : ''}`,
    { problems: [...problems], rows },
  );
}

function storeUnavailable(error: unknown): ApiError {
  return new ApiError(503, ApiErrorCode.STORE_UNAVAILABLE, 'the event store is not reachable; retry later', {
    reason: error instanceof Error ? error.message : String(error),
  });
}

function dossierNotFound(dossierId: string): ApiError {
  return new ApiError(404, 'NOT_FOUND', `dossier ${dossierId} does not exist`, { dossierId });
}

/**
 * A unit's dossier: a list read from XLSX or CSV, checked whole before
 * anything is created, then one nomination per nominee, each its own workflow.
 * Batch actions (draft, submit, withdraw) act on every item, one failure not
 * stopping the others; each item's action has a deterministic idempotency key,
 * so running a batch again (after a crash, a lost answer) resumes it: items
 * already done answer their first result and nothing is done twice.
 */
@Injectable()
export class DossiersService {
  constructor(
    private readonly commands: CommandBus,
    private readonly campaigns: CampaignWorkflows,
    @Inject(STORES) private readonly stores: Stores,
    @Inject(DIRECTORY) private readonly directory: Directory,
    @Inject(POLICIES) private readonly policies: PolicyRegistry,
    @Inject(PROJECTIONS) private readonly readModels: ReadModels,
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
    const problems: DossierRowProblem[] = [...parsed.problems];

    // The same file for the same campaign from the same unit is the same dossier: importing it again resumes it.
    const dossierId = uuidv5(`${unit.id}\n${definition.campaignId}\n${sha256}`, DOSSIER_NAMESPACE);
    const nominationIdOf = (itemNo: number) => dossierNominationId(dossierId, itemNo);
    const evidence = body.evidence;
    const actor = actorOf(user);

    // Each row as the decider would judge its draft, and as the campaign would admit it.
    const perAward = new Map<string, number>();
    for (const item of parsed.items) {
      const nominationId = nominationIdOf(item.itemNo);
      const decision = decide(
        initialState,
        {
          type: 'DraftNomination',
          nominationId,
          at: now,
          actor,
          province: unit.province,
          proposingUnitId: unit.id,
          blockId: block.id,
          ...draftContent(item, unit.id, campaignYear, evidence),
        },
        policy,
      );
      if (!decision.ok) {
        const error = apiErrorFromDomain(decision.error);
        problems.push({
          row: item.row,
          code: error.code,
          params: { message: error.message },
          reason: `${error.code}: ${error.message}`,
        });
        continue;
      }
      if (campaign.admitted[nominationId]) continue;
      const refusal = admissionRefusal(
        campaign,
        { nominationId, awardType: item.awardType, campaignYear, province: unit.province, unitId: unit.id },
        now,
      );
      const taken = perAward.get(item.awardType) ?? 0;
      const quotaLeft = quotaLeftOf(campaign, item.awardType);
      if (refusal && refusal.code !== 'QUOTA_EXCEEDED') {
        problems.push({
          row: item.row,
          code: refusal.code,
          params: { message: refusal.message },
          reason: `${refusal.code}: ${refusal.message}`,
        });
      } else if (quotaLeft !== undefined && taken >= quotaLeft) {
        problems.push({
          row: item.row,
          column: 'Hình thức khen thưởng',
          code: 'QUOTA_EXCEEDED',
          params: { left: quotaLeft, awardType: item.awardType },
          reason: `QUOTA_EXCEEDED: the campaign has ${quotaLeft} place(s) left for ${item.awardType}; this row is one too many`,
        });
      }
      perAward.set(item.awardType, taken + 1);
    }
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
        let state = await this.readState(dossierId);
        if (!state.dossier) {
          state = await this.append(state, dossierId, { type: 'DossierCreated', data: created }, user);
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
        return this.draftBatch(user, state, parsed.items, onProgress);
      },
    };
  }

  /** Drafts every item of the dossier (or what an earlier run left), each its own nomination. */
  private draftBatch(
    user: AuthenticatedUser,
    state: DossierState,
    items: readonly DossierItem[],
    onProgress?: Progress,
  ): Promise<DossierBatchResult> {
    const dossier = state.dossier!;
    const byNo = new Map(items.map((i) => [i.itemNo, i]));
    return this.runBatch(user, state, 'draft', onProgress, {}, (item) =>
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

  /**
   * Finishes every batch a stopped process left unfinished, as the person who
   * started it, with the same item keys: what was done answers with its first
   * result, the rest is done now. Called when the API starts; a batch that
   * cannot be finished from the record (its starter no longer in the
   * directory, a draft recorded without its content) stays for its next run.
   */
  async resumeUnfinished(): Promise<{ resumed: string[]; left: { dossierId: string; reason: string }[] }> {
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
      const state = await this.readState(seen.dossier.dossierId);
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
        await this.draftBatch(user, state, items as DossierItem[]);
      } else if (batch.action === 'submit') {
        await this.submit(user, dossierId);
      } else {
        await this.withdraw(user, dossierId, batch.reason ?? '');
      }
      resumed.push(dossierId);
    }
    return { resumed, left };
  }

  /** Submits (unit head) every item of the dossier; a result per item. */
  async submit(user: AuthenticatedUser, dossierId: string, onProgress?: Progress): Promise<DossierBatchResult> {
    const state = await this.ownDossier(user, dossierId, 'unit_head');
    return this.runBatch(user, state, 'submit', onProgress, {}, (item) =>
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
    return this.runBatch(user, state, 'withdraw', onProgress, { reason }, (item) =>
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
    const state = await this.readState(dossierId);
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

  private async runBatch(
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
      state = await this.append(
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
    await this.append(
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

  async readState(dossierId: string): Promise<DossierState> {
    if (!DOSSIER_ID.test(dossierId)) return initialDossierState;
    let state = initialDossierState;
    try {
      for await (const e of this.stores.events.readStream(dossierStreamName(dossierId))) {
        state = evolveDossier(state, { type: e.type, data: e.data } as unknown as DossierEvent);
      }
    } catch (error) {
      throw storeUnavailable(error);
    }
    return state;
  }

  private async append(
    state: DossierState,
    dossierId: string,
    event: DossierEvent,
    user: AuthenticatedUser,
  ): Promise<DossierState> {
    try {
      await this.stores.events.append(
        dossierStreamName(dossierId),
        [
          {
            id: randomUUID(),
            type: event.type,
            data: JSON.parse(JSON.stringify(event.data)),
            metadata: { actor: { ...actorOf(user) }, correlationId: dossierId, schemaVersion: 1 },
          },
        ],
        state.version,
      );
    } catch (error) {
      if (error instanceof ConcurrencyError) {
        throw new ApiError(409, 'CONCURRENCY_CONFLICT', 'another action on this dossier is under way; retry', {
          dossierId,
        });
      }
      throw storeUnavailable(error);
    }
    return evolveDossier(state, event);
  }

  async view(user: AuthenticatedUser, dossierId: string): Promise<DossierView> {
    const state = await this.readState(dossierId);
    const d = state.dossier;
    if (!d) throw dossierNotFound(dossierId);
    this.assertMayRead(user, d);
    const stages: Record<string, number> = {};
    const items = await Promise.all(
      d.items.map(async (item) => {
        const row = await this.readModels.findNomination(item.nominationId).catch((error: unknown) => {
          throw storeUnavailable(error);
        });
        const stage = row?.stage ?? null;
        const key = stage ?? 'NotCreated';
        stages[key] = (stages[key] ?? 0) + 1;
        return {
          itemNo: item.itemNo,
          row: item.row,
          nominationId: item.nominationId,
          kind: item.kind,
          name: item.name,
          ...(item.dateOfBirth ? { dateOfBirth: item.dateOfBirth } : {}),
          awardType: item.awardType,
          stage,
          outcome: row?.outcome ?? null,
        };
      }),
    );
    const batchView = (b: DossierState['batches'][number]) => ({
      batchId: b.batchId,
      action: b.action,
      total: b.total,
      startedAt: b.startedAt,
      finishedAt: b.finished?.at ?? null,
      succeeded: b.finished?.succeeded ?? null,
      failed: b.finished?.failed ?? null,
    });
    const pending = unfinishedBatch(state);
    return {
      dossierId: d.dossierId,
      campaignId: d.campaignId,
      campaignYear: d.campaignYear,
      province: d.province,
      unitId: d.unitId,
      blockId: d.blockId,
      title: d.title,
      createdAt: d.at,
      createdBy: d.by.userId,
      source: { ...d.source },
      evidence: d.evidence.map((e) => ({ documentId: e.documentId, title: e.title, kind: e.kind, sha256: e.sha256 })),
      items,
      stages,
      batches: state.batches.map(batchView),
      unfinishedBatch: pending ? batchView(pending) : null,
    };
  }

  async list(user: AuthenticatedUser, campaignId?: string): Promise<{ items: DossierSummary[] }> {
    const items: DossierSummary[] = [];
    try {
      for await (const e of this.stores.events.readAll({ streamPrefixes: ['dossier-'] })) {
        if (e.type !== 'DossierCreated') continue;
        const d = e.data as unknown as DossierCreatedData;
        if (campaignId !== undefined && d.campaignId !== campaignId) continue;
        if (!this.mayRead(user, d)) continue;
        items.push({
          dossierId: d.dossierId,
          campaignId: d.campaignId,
          campaignYear: d.campaignYear,
          unitId: d.unitId,
          title: d.title,
          itemCount: d.items.length,
          createdAt: d.at,
        });
      }
    } catch (error) {
      throw storeUnavailable(error);
    }
    return { items: items.reverse() };
  }

  private mayRead(user: AuthenticatedUser, d: DossierCreatedData): boolean {
    try {
      this.assertMayRead(user, d);
      return true;
    } catch {
      return false;
    }
  }

  /** As for one of its nominations: its unit, its block, its province's Board, council, chairman, auditors. */
  private assertMayRead(user: AuthenticatedUser, d: DossierCreatedData): void {
    try {
      assertMayRead(user, {
        nominationId: d.dossierId,
        province: d.province,
        blockId: d.blockId,
        proposingUnitId: d.unitId,
      });
    } catch {
      throw dossierNotFound(d.dossierId);
    }
  }
}

function draftKey(dossierId: string, itemNo: number): string {
  return `dossier:${dossierId}:${itemNo}`;
}

function quotaLeftOf(campaign: CampaignState, awardType: string): number | undefined {
  const planned = campaign.definition?.plannedAwards.find((p) => p.awardType === awardType);
  if (planned?.quota === undefined) return undefined;
  const admitted = Object.values(campaign.admitted).filter((e) => e.awardType === awardType).length;
  return Math.max(0, planned.quota - admitted);
}

function draftContent(
  item: DossierItem,
  unitId: string,
  campaignYear: number,
  evidence: readonly ImportDossierRequest['evidence'][number][],
) {
  return {
    nominee: {
      kind: item.kind,
      name: item.name,
      unitId,
      ...(item.personId ? { personId: item.personId } : {}),
      ...(item.position ? { position: item.position } : {}),
    },
    awardType: item.awardType,
    campaignYear,
    achievements: item.achievements,
    record: item.record,
    evidence: evidence.map((e) => ({ ...e })),
  };
}
