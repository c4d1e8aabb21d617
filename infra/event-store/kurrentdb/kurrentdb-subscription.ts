import type { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { comparePositions, type Position, type SubscribeOptions, type Subscription } from '../port';
import { toRecordedEvent } from './kurrentdb-events';

/** Catch-up subscription on `$all`; KurrentDB itself delivers history then live events in log order. */
export class KurrentSubscription implements Subscription {
  private stopped = false;
  private readonly running: Promise<void>;
  private position: Position;

  constructor(
    private readonly source: ReturnType<KurrentDBClient['subscribeToAll']>,
    after: Position,
    private readonly options: SubscribeOptions,
    private readonly onStopped: () => void,
  ) {
    this.position = after;
    source.on('caughtUp', () => {
      if (!this.stopped) this.options.onCaughtUp?.(this.position);
    });
    this.running = this.run();
  }

  private async run(): Promise<void> {
    try {
      for await (const resolved of this.source) {
        if (this.stopped) break;
        const event = toRecordedEvent(resolved);
        // The starting position itself may be delivered again: keep delivery strictly after the checkpoint.
        if (!event || comparePositions(event.position, this.position) <= 0) continue;
        await this.options.onEvent(event);
        this.position = event.position;
      }
    } catch (error) {
      if (!this.stopped) this.options.onError?.(error);
    } finally {
      this.stopped = true;
      await this.source.unsubscribe().catch(() => undefined);
      this.onStopped();
    }
  }

  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      await this.source.unsubscribe().catch(() => undefined);
    }
    await this.running;
  }
}
