import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  dossierStreamName,
  evolveDossier,
  initialDossierState,
  type DossierEvent,
  type DossierState,
} from '@laurel/domain/dossier/dossier';
import { ConcurrencyError } from '@laurel/infra/event-store/errors';
import type { Stores } from '@laurel/infra/runtime/stores';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiError } from '../common/api-error';
import { ApiErrorCode } from '../common/error-codes';
import { actorOf } from '../nominations/actor-and-scope';
import { STORES } from '../tokens';

const DOSSIER_ID = /^[0-9a-f-]{36}$/;

export function storeUnavailable(error: unknown): ApiError {
  return new ApiError(503, ApiErrorCode.STORE_UNAVAILABLE, 'the event store is not reachable; retry later', {
    reason: error instanceof Error ? error.message : String(error),
  });
}

export function dossierNotFound(dossierId: string): ApiError {
  return new ApiError(404, 'NOT_FOUND', `dossier ${dossierId} does not exist`, { dossierId });
}

/** A dossier's own stream: folded on read, appended at the version it was read at. */
@Injectable()
export class DossierStream {
  constructor(@Inject(STORES) private readonly stores: Stores) {}

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

  /** Appends one event where `state` was read; another writer since then is a 409, never a silent overwrite. */
  async append(
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
}
