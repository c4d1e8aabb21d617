import type { Client } from '@temporalio/client';
import { createNominationActivities } from '@laurel/infra/temporal/nomination-activities';
import { createSessionActivities } from './session-activities';
import type { SessionActivities } from '@laurel/workflows/session/activities';
import { sessionTaskQueue } from '@laurel/workflows/session/messages';
import { createNominationWorker, type NominationWorkerOptions, type RunningWorker } from './nomination-worker';

export interface SessionWorkerOptions extends NominationWorkerOptions {
  /**
   * The client the batches drive the nominations with. It must sign its
   * updates as the API's does: the nominations take no unsigned action.
   */
  readonly client: Client;
  /** Wraps the activities (tests use it to stop a worker in the middle of a batch). */
  readonly wrapActivities?: (real: SessionActivities) => SessionActivities;
}

/**
 * The worker of the batch workflows (block sessions, council sessions,
 * decision lists), on a queue of its own beside the nominations' queue. It
 * runs where the signing key is (the API process, or the all-in-one), since
 * its activities act on the nominations for the people who cast the ballots.
 */
export function createSessionWorker(options: SessionWorkerOptions): Promise<RunningWorker> {
  const { config, stores, client } = options;
  const sessions = createSessionActivities({ client });
  return createNominationWorker({
    ...options,
    overrides: {
      taskQueue: sessionTaskQueue(config.TEMPORAL_TASK_QUEUE),
      activities: {
        ...createNominationActivities({ store: stores.events, outbox: stores.outbox }),
        ...(options.wrapActivities ? options.wrapActivities(sessions) : sessions),
      },
      ...options.overrides,
    },
  });
}
