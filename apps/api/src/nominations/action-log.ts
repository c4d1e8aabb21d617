import type { NominationCommandType } from '@laurel/domain';
import type { ActionResult } from '@laurel/workflows/nomination/messages';
import type { PinoLogger } from 'nestjs-pino';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ActionPending } from '../common/action-pending';
import { ApiError } from '../common/api-error';
import { apiErrorFromTemporal } from '../common/temporal-errors';
import type { ApiMetrics } from '../metrics/api-metrics';

/** Every action's answer counted by result and logged once, whether it was applied, pending or refused. */
export class ActionLog {
  constructor(
    private readonly metrics: ApiMetrics,
    private readonly logger: PinoLogger,
  ) {}

  accepted(command: NominationCommandType, workflowId: string, user: AuthenticatedUser, result: ActionResult) {
    this.metrics.actions.inc({ action: command, result: 'accepted' });
    this.logger.info(
      {
        workflowId,
        action: command,
        userId: user.userId,
        role: user.role,
        stage: result.stage,
        version: result.version,
        position: result.position,
      },
      'action accepted',
    );
  }

  /** Counts and logs a failed action; returns the error to throw, Temporal's mapped to the API's. */
  failed(
    command: NominationCommandType,
    workflowId: string,
    user: AuthenticatedUser,
    nominationId: string,
    error: unknown,
  ): unknown {
    if (error instanceof ActionPending) {
      this.metrics.actions.inc({ action: command, result: 'pending' });
      this.logger.info(
        { workflowId, action: command, userId: user.userId, actionId: error.actionId },
        'action pending',
      );
      return error;
    }
    const mapped = apiErrorFromTemporal(error, nominationId) ?? error;
    this.refused(command, workflowId, user, mapped);
    return mapped;
  }

  refused(command: NominationCommandType, workflowId: string, user: AuthenticatedUser, error: unknown): void {
    const code = error instanceof ApiError ? error.code : 'ERROR';
    this.metrics.actions.inc({ action: command, result: code });
    this.logger.info({ workflowId, action: command, userId: user.userId, role: user.role, code }, 'action refused');
  }
}
