import { Module } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { LaurelConfig } from '@laurel/infra/config/config';
import { actionVerifierFor } from '@laurel/infra/temporal/action-signing';
import { CONFIG, TEMPORAL_CLIENT } from '../tokens';
import { ACTION_VERIFIER, WORKFLOW_RECORDS } from './audit.tokens';
import { CheckpointsController } from './checkpoints/checkpoints.controller';
import { ExportCheckpointsHandler } from './checkpoints/export-checkpoints.handler';
import { ExportAuditEventsHandler } from './export/export-events.handler';
import { ExportController } from './export/export.controller';
import { GetNominationHistoryHandler } from './history/get-history.handler';
import { HistoryController } from './history/history.controller';
import { GetNominationStateAtHandler } from './state/get-state-at.handler';
import { StateController } from './state/state.controller';
import { VerifyAllNominationsHandler } from './verify/verify-all.handler';
import { VerifyNominationHandler } from './verify/verify-nomination.handler';
import { VerifyController } from './verify/verify.controller';
import { TemporalWorkflowRecords } from './verify/workflow-records';

/**
 * The auditor's side of the API: history, state as of any moment, proofs
 * (hash chain and reconciliation with Temporal) and exports. Reads only.
 * STORES, TEMPORAL_CLIENT and the QueryBus (CqrsModule.forRoot) come from the app's global modules.
 */
@Module({
  controllers: [HistoryController, StateController, VerifyController, ExportController, CheckpointsController],
  providers: [
    {
      provide: WORKFLOW_RECORDS,
      inject: [TEMPORAL_CLIENT],
      useFactory: (client: Client) => new TemporalWorkflowRecords(client),
    },
    {
      provide: ACTION_VERIFIER,
      inject: [CONFIG],
      useFactory: (config: LaurelConfig) => actionVerifierFor(config),
    },
    GetNominationHistoryHandler,
    GetNominationStateAtHandler,
    VerifyNominationHandler,
    VerifyAllNominationsHandler,
    ExportAuditEventsHandler,
    ExportCheckpointsHandler,
  ],
})
export class AuditModule {}
