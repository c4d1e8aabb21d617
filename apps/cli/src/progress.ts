import { Presets, SingleBar } from 'cli-progress';

/** A progress display on stderr, shown only to a person (stderr is a terminal); silent otherwise. */
export interface Progress {
  update(done: number, total?: number, payload?: Record<string, string | number>): void;
  stop(): void;
}

const silent: Progress = { update: () => undefined, stop: () => undefined };

/**
 * With a known total, a bar; without one, a running count. `unit` names what is counted.
 * `extra` is a cli-progress format fragment for payload fields, e.g. `| {broken} broken`.
 */
export function startProgress(label: string, unit: string, extra = ''): Progress {
  if (!process.stderr.isTTY) return silent;
  let bar: SingleBar | undefined;
  let knownTotal: number | undefined;
  const start = (total: number | undefined, payload: Record<string, string | number>) => {
    knownTotal = total;
    const format =
      total !== undefined
        ? `${label} [{bar}] {percentage}% | {value}/{total} ${unit} ${extra}`
        : `${label} | {value} ${unit} ${extra}`;
    bar = new SingleBar(
      { stream: process.stderr, format, hideCursor: true, clearOnComplete: false },
      Presets.shades_classic,
    );
    bar.start(total ?? 0, 0, payload);
  };
  return {
    update(done, total, payload = {}) {
      if (!bar || (total !== undefined && total !== knownTotal)) {
        bar?.stop();
        start(total, payload);
      }
      bar!.update(done, payload);
    },
    stop() {
      bar?.stop();
    },
  };
}
