import { Inject, Injectable } from '@nestjs/common';
import { unfinishedBatch, type DossierCreatedData, type DossierState } from '@laurel/domain/dossier/dossier';
import type { Stores } from '@laurel/infra/runtime/stores';
import { assertMayRead } from '../access/nomination-access';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import type { ReadModels } from '../projections/read-models';
import { PROJECTIONS, STORES } from '../tokens';
import type { DossierSummary, DossierView } from './dossier-schemas';
import { DossierStream, dossierNotFound, storeUnavailable } from './dossier-stream';

/** What a reader sees of dossiers: one with its items' stages (from the read model), or the list of them. */
@Injectable()
export class DossierViews {
  constructor(
    private readonly stream: DossierStream,
    @Inject(STORES) private readonly stores: Stores,
    @Inject(PROJECTIONS) private readonly readModels: ReadModels,
  ) {}

  async view(user: AuthenticatedUser, dossierId: string): Promise<DossierView> {
    const state = await this.stream.readState(dossierId);
    const d = state.dossier;
    if (!d) throw dossierNotFound(dossierId);
    this.assertMayRead(user, d);
    // One read for every item, however long the list: a dossier can carry a thousand.
    const rows = await this.readModels
      .findNominations(d.items.map((item) => item.nominationId))
      .catch((error: unknown) => {
        throw storeUnavailable(error);
      });
    const stages: Record<string, number> = {};
    const items = d.items.map((item) => {
      const row = rows.get(item.nominationId);
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
    });
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
