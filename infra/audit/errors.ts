import { EventStoreError, InvalidInputError } from '../event-store/errors';

/**
 * The chain needs a known predecessor: an append with `'any'` would hash
 * against whatever the head is at that moment, so a retried append would carry
 * a different `prevHash` and be refused as an id conflict instead of being
 * recognised as a repeat. Callers state the version they decided on.
 */
export class ChainRequiresExpectedVersionError extends InvalidInputError {
  readonly code = 'chain_requires_expected_version';

  constructor(readonly streamName: string) {
    super(`appends to the hash-chained stream ${streamName} must state an expected version, not 'any'`, {
      streamName,
      expectedVersion: 'any',
    });
  }
}

/** The event an append would chain onto has no `hash` (written without the chain). */
export class UnchainedPredecessorError extends EventStoreError {
  readonly code = 'chain_predecessor_unchained';

  constructor(
    readonly streamName: string,
    readonly version: number,
  ) {
    super(`event ${version} of ${streamName} carries no hash, so nothing can be chained onto it`, {
      streamName,
      version,
    });
  }
}
