import { comparePositions, START, type Position } from '../event-store/port';

interface Waiter {
  readonly position: Position;
  readonly resolve: (reached: boolean) => void;
  timer?: NodeJS.Timeout;
}

/**
 * The position the read models have reached, and the callers waiting for one
 * (read-your-writes): each resolves true once it is reached, false at its
 * timeout.
 */
export class PositionWaiters {
  private current: Position = START;
  private readonly waiters = new Set<Waiter>();

  get reached(): Position {
    return this.current;
  }

  waitFor(position: Position, timeoutMs: number): Promise<boolean> {
    if (comparePositions(this.current, position) >= 0) return Promise.resolve(true);
    if (timeoutMs <= 0) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const waiter: Waiter = { position, resolve };
      waiter.timer = setTimeout(() => {
        this.waiters.delete(waiter);
        resolve(false);
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Moves forward (never back) and wakes every waiter the new position satisfies. */
  advanceTo(position: Position): void {
    if (comparePositions(position, this.current) <= 0) return;
    this.current = position;
    for (const waiter of this.waiters) {
      if (comparePositions(position, waiter.position) >= 0) {
        clearTimeout(waiter.timer);
        this.waiters.delete(waiter);
        waiter.resolve(true);
      }
    }
  }

  /** Starts over from `position` (a rebuild, or another process's): waiters keep waiting. */
  resetTo(position: Position): void {
    this.current = position;
  }
}
