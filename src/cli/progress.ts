import cliProgress from 'cli-progress';

export interface Progress {
  tick(): void;
  /** Sets the absolute count, for work that reports progress in pages. */
  set(done: number): void;
  stop(): void;
}

/** A progress bar on stderr when it is a terminal; silent otherwise, so piped output stays clean. */
export function createProgress(total: number, label: string): Progress {
  if (!process.stderr.isTTY || total < 2) return { tick() {}, set() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: `${label} [{bar}] {value}/{total} {percentage}% eta {eta_formatted}`, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { tick: () => bar.increment(), set: (done) => bar.update(done), stop: () => bar.stop() };
}
