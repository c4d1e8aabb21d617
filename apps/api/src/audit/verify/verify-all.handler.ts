import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { verifyAll } from '@laurel/infra/audit/verify';
import { formatPosition } from '@laurel/infra/event-store/port';
import type { Stores } from '@laurel/infra/runtime/stores';
import type { ActionVerifier } from '@laurel/infra/audit/action-proof';
import { STORES } from '../../tokens';
import { ACTION_VERIFIER } from '../audit.tokens';
import { assertAuditReader } from '../../access/read-access';
import { VerifyAllNominations, type StoreVerification } from './verify-all.query';

const NOMINATION_PREFIX = 'nomination-';
/** Often enough for a live progress bar, rarely enough to cost nothing next to hashing. */
const PROGRESS_EVERY = 500;

/** The checkpoints are read whole before the pass begins (see VerifyAllOptions.checkpoints). */
async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

@QueryHandler(VerifyAllNominations)
export class VerifyAllNominationsHandler implements IQueryHandler<VerifyAllNominations> {
  constructor(
    @Inject(STORES) private readonly stores: Stores,
    @Inject(ACTION_VERIFIER) private readonly verifier: ActionVerifier,
  ) {}

  async execute(query: VerifyAllNominations): Promise<StoreVerification> {
    assertAuditReader(query.user, 'verify the store');
    const { onProgress } = query;
    const result = await verifyAll(this.stores.events, {
      streamPrefixes: [NOMINATION_PREFIX],
      checkpoints: await collect(this.stores.checkpoints.list({ streamPrefixes: [NOMINATION_PREFIX] })),
      progressEvery: PROGRESS_EVERY,
      actionVerifier: this.verifier,
      ...(onProgress
        ? { onProgress: (p) => onProgress({ done: p.events, streams: p.streams, brokenStreams: p.brokenStreams }) }
        : {}),
    });
    return {
      ok: result.ok,
      events: result.events,
      streams: result.streams,
      brokenStreams: result.brokenStreams,
      failures: result.failures.map((f) => ({
        nominationId: f.streamName.slice(NOMINATION_PREFIX.length),
        streamName: f.streamName,
        firstBroken: f.firstBroken,
      })),
      checkpoints: result.checkpoints,
      anchorFailures: result.anchorProblems.map((p) => ({
        nominationId: p.streamName.slice(NOMINATION_PREFIX.length),
        ...p,
      })),
      unsignedBeforeSigning: result.unsignedBeforeSigning,
      hashVersions: result.hashVersions,
      position: formatPosition(result.position),
    };
  }
}
