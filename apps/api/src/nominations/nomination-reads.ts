import type { Client } from '@temporalio/client';
import { Semaphore } from 'async-mutex';
import type { ActiveState, NominationState } from '@laurel/domain';
import { nominationWorkflowId, stateQuery } from '@laurel/workflows/nomination/messages';
import { foldStream } from '@laurel/infra/audit/reconcile';
import type { Stores } from '@laurel/infra/runtime/stores';
import type { NominationScope } from '../access/nomination-access';
import type { ApiOptions } from '../api-options';
import { firstEvent, readNomination } from '../audit/audit-events';
import { apiErrorFromTemporal, nominationNotFound } from '../common/temporal-errors';

/** The id part of a stream name the store accepts; anything else cannot name a nomination. */
const NOMINATION_ID = /^[A-Za-z0-9_.:@-]{1,180}$/;

/** Scopes never change after drafting: kept per process, bounded. */
const SCOPE_CACHE_SIZE = 10_000;

/** A session or decision list reads up to 2,000 nominations: this many streams at a time, well inside the pool. */
const STREAM_READS_AT_ONCE = 8;

/** An id no nomination can have is a 404 before any read: it never reaches Temporal or the store. */
function assertNominationId(nominationId: string): void {
  if (!NOMINATION_ID.test(nominationId)) throw nominationNotFound(nominationId);
}

/** The reads behind NominationWorkflows' state, scope, storedState and storedStates (documented there). */
export class NominationReads {
  private readonly scopes = new Map<string, NominationScope>();

  constructor(
    private readonly client: Client,
    private readonly options: ApiOptions,
    private readonly stores: Stores,
  ) {}

  async state(nominationId: string): Promise<ActiveState> {
    assertNominationId(nominationId);
    let state: NominationState;
    try {
      state = await this.client.connection.withDeadline(Date.now() + this.options.queryTimeoutMs, () =>
        this.client.workflow.getHandle(nominationWorkflowId(nominationId)).query(stateQuery),
      );
    } catch (error) {
      throw apiErrorFromTemporal(error, nominationId) ?? error;
    }
    // A workflow whose draft was refused holds no nomination: nothing to show or act on.
    if (state.stage === 'Initial') throw nominationNotFound(nominationId);
    return state;
  }

  async scope(nominationId: string): Promise<NominationScope> {
    assertNominationId(nominationId);
    const cached = this.scopes.get(nominationId);
    if (cached) return cached;
    const first = await firstEvent(this.stores.events, nominationId);
    const data = first?.type === 'NominationDrafted' ? first.data : undefined;
    const { province, blockId, proposingUnitId } = data ?? {};
    if (typeof province !== 'string' || typeof blockId !== 'string' || typeof proposingUnitId !== 'string') {
      throw nominationNotFound(nominationId);
    }
    const campaignId = typeof data?.campaignId === 'string' ? data.campaignId : undefined;
    const scope = { nominationId, province, blockId, proposingUnitId, ...(campaignId ? { campaignId } : {}) };
    if (this.scopes.size >= SCOPE_CACHE_SIZE) this.scopes.delete(this.scopes.keys().next().value!);
    this.scopes.set(nominationId, scope);
    return scope;
  }

  async storedState(nominationId: string): Promise<ActiveState> {
    assertNominationId(nominationId);
    const state = foldStream(await readNomination(this.stores.events, nominationId));
    if (state.stage === 'Initial') throw nominationNotFound(nominationId);
    return state;
  }

  async storedStates(nominationIds: readonly string[]): Promise<ActiveState[]> {
    const reads = new Semaphore(STREAM_READS_AT_ONCE);
    return Promise.all(nominationIds.map((id) => reads.runExclusive(() => this.storedState(id))));
  }
}
