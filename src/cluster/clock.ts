// The one clock of the embedded control plane. Controllers, the kubelet, the
// store's compaction and watch bookmarks never call Date.now() or setTimeout
// directly: they take a Clock, so tests step time and `bosun up --time-scale`
// replays a ten-minute rollout in seconds.

/** A scheduled callback; cancel() is idempotent. */
export interface Timer {
  cancel(): void;
  /** Do not keep the process alive for this timer (no effect on virtual clocks). */
  unref(): Timer;
}

export interface Clock {
  /** Milliseconds since the Unix epoch, in this clock's time. */
  now(): number;
  /** now() as a Date. */
  date(): Date;
  setTimeout(fn: () => void, ms: number): Timer;
  /** Runs fn every ms (ms > 0) until cancelled; the first run is after ms. */
  setInterval(fn: () => void, ms: number): Timer;
  /** Resolves after ms of this clock's time; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

function sleepOn(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      timer.cancel();
      reject(signal!.reason);
    };
    const timer = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function nodeTimer(handle: NodeJS.Timeout, clear: (h: NodeJS.Timeout) => void): Timer {
  const timer: Timer = {
    cancel: () => clear(handle),
    unref: () => {
      handle.unref();
      return timer;
    },
  };
  return timer;
}

/** Wall-clock time and Node's timers. */
export class RealClock implements Clock {
  now(): number {
    return Date.now();
  }
  date(): Date {
    return new Date(this.now());
  }
  setTimeout(fn: () => void, ms: number): Timer {
    return nodeTimer(setTimeout(fn, Math.max(0, ms)), clearTimeout);
  }
  setInterval(fn: () => void, ms: number): Timer {
    return nodeTimer(setInterval(fn, Math.max(1, ms)), clearInterval);
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, ms, signal);
  }
}

/**
 * Real time running `factor` times faster (factor 60: a minute passes per real
 * second). Time starts at `start` (default: the real time at construction) and
 * timers fire after ms/factor of real time.
 */
export class ScaledClock implements Clock {
  private readonly realStart: number;
  private readonly start: number;

  constructor(
    readonly factor: number,
    start?: number,
    private readonly base: Clock = new RealClock(),
  ) {
    if (!(factor > 0) || !Number.isFinite(factor))
      throw new RangeError(`time scale must be a positive number, got ${factor}`);
    this.realStart = base.now();
    this.start = start ?? this.realStart;
  }
  now(): number {
    return this.start + Math.floor((this.base.now() - this.realStart) * this.factor);
  }
  date(): Date {
    return new Date(this.now());
  }
  setTimeout(fn: () => void, ms: number): Timer {
    return this.base.setTimeout(fn, ms / this.factor);
  }
  setInterval(fn: () => void, ms: number): Timer {
    return this.base.setInterval(fn, ms / this.factor);
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, ms, signal);
  }
}

interface PendingTimer {
  due: number;
  /** Insertion order: timers due at the same instant fire in the order they were set. */
  seq: number;
  fn: () => void;
  interval: number | undefined;
  cancelled: boolean;
}

/** Lets promise continuations (and I/O callbacks already queued) run. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Virtual time that only moves when a test says so. advance() fires every
 * timer that comes due, in due order, with now() equal to its due time, and
 * lets promise chains settle between timers so code awaiting sleep() can
 * schedule its next timer before time moves on.
 */
export class SteppedClock implements Clock {
  private current: number;
  private seq = 0;
  private timers: PendingTimer[] = [];

  constructor(start: number | Date = Date.UTC(2025, 0, 1)) {
    this.current = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.current;
  }
  date(): Date {
    return new Date(this.current);
  }
  setTimeout(fn: () => void, ms: number): Timer {
    return this.schedule(fn, Math.max(0, ms), undefined);
  }
  setInterval(fn: () => void, ms: number): Timer {
    if (!(ms > 0)) throw new RangeError(`interval must be positive, got ${ms}`);
    return this.schedule(fn, ms, ms);
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, ms, signal);
  }

  /** Number of timers waiting to fire. */
  pending(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }
  /** When the next timer fires, or undefined when none is pending. */
  nextDue(): number | undefined {
    return this.next()?.due;
  }

  /** Moves time forward by ms, firing every timer due on the way (including timers they set). */
  async advance(ms: number): Promise<void> {
    if (ms < 0) throw new RangeError(`cannot move a clock backwards (${ms}ms)`);
    await this.advanceTo(this.current + ms);
  }

  /** Moves time forward to the instant `until`, firing timers due up to it. */
  async advanceTo(until: number): Promise<void> {
    await settle();
    for (;;) {
      const timer = this.next();
      if (!timer || timer.due > until) break;
      this.current = Math.max(this.current, timer.due);
      this.fire(timer);
      await settle();
    }
    this.current = Math.max(this.current, until);
  }

  /**
   * Fires timers, jumping time to each one, until none is pending: "run until
   * quiet". Intervals never go quiet, so the run stops at `limitMs` of
   * virtual time from now (default: one hour) or after `maxTimers` firings;
   * it returns the number of timers fired.
   */
  async runUntilQuiet(options: { limitMs?: number; maxTimers?: number } = {}): Promise<number> {
    const deadline = this.current + (options.limitMs ?? 3_600_000);
    const maxTimers = options.maxTimers ?? 100_000;
    let fired = 0;
    await settle();
    for (;;) {
      const timer = this.next();
      if (!timer || timer.due > deadline || fired >= maxTimers) break;
      this.current = Math.max(this.current, timer.due);
      this.fire(timer);
      fired++;
      await settle();
    }
    return fired;
  }

  private schedule(fn: () => void, ms: number, interval: number | undefined): Timer {
    const pending: PendingTimer = { due: this.current + ms, seq: this.seq++, fn, interval, cancelled: false };
    this.timers.push(pending);
    const timer: Timer = {
      cancel: () => {
        pending.cancelled = true;
      },
      unref: () => timer,
    };
    return timer;
  }

  private next(): PendingTimer | undefined {
    this.timers = this.timers.filter((t) => !t.cancelled);
    let best: PendingTimer | undefined;
    for (const t of this.timers) {
      if (!best || t.due < best.due || (t.due === best.due && t.seq < best.seq)) best = t;
    }
    return best;
  }

  private fire(timer: PendingTimer): void {
    if (timer.interval === undefined) {
      timer.cancelled = true;
    } else {
      timer.due += timer.interval;
      timer.seq = this.seq++;
    }
    timer.fn();
  }
}
