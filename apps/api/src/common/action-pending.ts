/**
 * An action Temporal has accepted (its validator passed, it is in the
 * workflow's history) but not applied within the request's deadline, say
 * while the store is out of reach. It will still happen: the answer is 202
 * with the action's id and where to poll, never "retry later". Thrown like an
 * error so it leaves through the one exception filter.
 */
export class ActionPending extends Error {
  constructor(
    readonly nominationId: string,
    readonly actionId: string,
  ) {
    super(`the action was accepted and is not applied yet; poll ${pollPath(nominationId, actionId)}`);
    this.name = 'ActionPending';
  }

  get poll(): string {
    return pollPath(this.nominationId, this.actionId);
  }

  toBody(): ActionPendingBody {
    return {
      status: 'pending',
      nominationId: this.nominationId,
      actionId: this.actionId,
      poll: this.poll,
      message: this.message,
    };
  }
}

export interface ActionPendingBody {
  readonly status: 'pending';
  readonly nominationId: string;
  readonly actionId: string;
  readonly poll: string;
  readonly message: string;
}

function pollPath(nominationId: string, actionId: string): string {
  return `/nominations/${nominationId}/actions/${actionId}`;
}

/** An action's id in a URL: the update id, base64url (update ids carry the caller's free-form Idempotency-Key). */
export function actionIdOf(updateId: string): string {
  return Buffer.from(updateId, 'utf8').toString('base64url');
}

export function updateIdOf(actionId: string): string | undefined {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(actionId)) return undefined;
  const updateId = Buffer.from(actionId, 'base64url').toString('utf8');
  return actionIdOf(updateId) === actionId ? updateId : undefined;
}
