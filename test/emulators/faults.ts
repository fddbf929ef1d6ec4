/**
 * Faults an emulator injects on demand, in order: each applies to the next `times` requests (default: all
 * of them), then the next fault in the list takes over, then normal answers.
 */
export interface FaultQueue<F extends { times?: number }> {
  /** Replaces the pending faults; null clears them. */
  set(fault: F | F[] | null): void;
  /** The fault for this request, if any (and counts it down). */
  next(): F | undefined;
}

export function faultQueue<F extends { times?: number }>(initial: F | F[] | null = null): FaultQueue<F> {
  let pending: Array<{ fault: F; left: number }> = [];
  const queue: FaultQueue<F> = {
    set(fault) {
      pending = (fault === null ? [] : [fault].flat()).map((f) => ({ fault: f as F, left: f.times ?? Number.POSITIVE_INFINITY }));
    },
    next() {
      const p = pending.find((f) => f.left > 0);
      if (p) p.left--;
      return p?.fault;
    },
  };
  queue.set(initial);
  return queue;
}
