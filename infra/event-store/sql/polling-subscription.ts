import { comparePositions, type Position, type RecordedEvent, type Subscription } from '../port';

export interface PollingSubscriptionOptions {
  readonly after: Position;
  readonly batchSize: number;
  readonly pollIntervalMs: number;
  /** Settled events strictly after `after`, in position order, at most `limit`. */
  readonly fetchPage: (after: Position, limit: number) => Promise<readonly RecordedEvent[]>;
  /** Registers a wake-up callback for new appends; resolves to its removal. */
  readonly listen: (onNotify: () => void) => Promise<() => Promise<void>>;
  readonly onEvent: (event: RecordedEvent) => Promise<void> | void;
  readonly onError?: (error: unknown) => void;
  readonly onCaughtUp?: (position: Position) => void;
  readonly onStopped?: () => void;
}

/**
 * Catch-up subscription over SQL: reads pages after its checkpoint until it is
 * caught up, then sleeps until a notification or the poll interval. Order and
 * completeness come from the reads (position order over settled rows), never
 * from notifications, which are only wake-up hints.
 */
export class PollingSubscription implements Subscription {
  private stopped = false;
  private running: Promise<void> | undefined;
  /** Bumped by every notification, so one arriving during a read is not lost. */
  private wakeups = 0;
  private wake: (() => void) | undefined;

  constructor(private readonly options: PollingSubscriptionOptions) {}

  start(): void {
    this.running ??= this.run();
  }

  /** Stops delivery. Do not await it inside `onEvent`: it waits for that very call to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
  }

  private async run(): Promise<void> {
    const { batchSize, fetchPage, onEvent } = this.options;
    let position = this.options.after;
    let reportedCaughtUp: Position | undefined;
    let unlisten: (() => Promise<void>) | undefined;
    try {
      unlisten = await this.options.listen(() => {
        this.wakeups++;
        this.wake?.();
      });
      while (!this.stopped) {
        const seen = this.wakeups;
        const page = await fetchPage(position, batchSize);
        for (const event of page) {
          if (this.stopped) return;
          // Defensive: a page must continue strictly after the checkpoint.
          if (comparePositions(event.position, position) <= 0) continue;
          await onEvent(event);
          position = event.position;
        }
        if (page.length < batchSize && !this.stopped) {
          if (!reportedCaughtUp || comparePositions(reportedCaughtUp, position) !== 0) {
            reportedCaughtUp = position;
            this.options.onCaughtUp?.(position);
          }
          if (this.wakeups === seen) await this.sleep();
        }
      }
    } catch (error) {
      if (!this.stopped) {
        this.stopped = true;
        this.options.onError?.(error);
      }
    } finally {
      this.stopped = true;
      await unlisten?.().catch(() => undefined);
      this.options.onStopped?.();
    }
  }

  private sleep(): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.options.pollIntervalMs);
      this.wake = done;
    });
  }
}
