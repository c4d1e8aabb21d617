import { SerialQueues } from './serial-queues';
import { ANSWER_MARGIN_MS } from './update-chain';
import { nominationBusy } from './update-failures';

/**
 * A nomination's actions one at a time in this process (why: NominationWorkflows.actWith). The request's
 * deadline runs from its arrival, queue time included: a task still waiting when it passes is never run.
 */
export class ActionQueues {
  private readonly queues = new SerialQueues();

  run<T>(key: string, nominationId: string, deadline: number, task: () => Promise<T>): Promise<T> {
    let started = false;
    let expired = false;
    const run = this.queues.run(key, () => {
      if (expired) return Promise.reject(nominationBusy(nominationId));
      started = true;
      return task();
    });
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => {
          if (started) return;
          expired = true;
          reject(nominationBusy(nominationId));
        },
        Math.max(0, deadline - ANSWER_MARGIN_MS - Date.now()),
      );
      run.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }
}
