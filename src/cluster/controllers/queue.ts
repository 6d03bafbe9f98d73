// A rate-limited work queue of object keys (client-go's workqueue): a key is
// queued at most once, never processed by two workers at once, re-queued when
// added while being processed, and retried with exponential back-off on
// failure. Delays run on the cluster Clock.

import type { Clock, Timer } from '../clock.ts';

/** client-go's default per-item limiter: 5ms doubling up to 1000s. */
const baseRetryMs = 5;
const maxRetryMs = 1_000_000;

export class WorkQueue {
  private readonly queue: string[] = [];
  private readonly queued = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly dirty = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly delayed = new Map<string, { due: number; timer: Timer }>();
  private running = false;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly process: (key: string) => Promise<void>,
    private readonly onError: (key: string, err: unknown) => void = () => {},
  ) {}

  add(key: string): void {
    if (this.stopped) return;
    if (this.processing.has(key)) {
      this.dirty.add(key);
      return;
    }
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.queue.push(key);
    this.kick();
  }

  /** Adds the key after ms of cluster time (an earlier pending delay wins). */
  addAfter(key: string, ms: number): void {
    if (this.stopped) return;
    if (ms <= 0) {
      this.add(key);
      return;
    }
    const due = this.clock.now() + ms;
    const pending = this.delayed.get(key);
    if (pending && pending.due <= due) return;
    pending?.timer.cancel();
    const timer = this.clock.setTimeout(() => {
      this.delayed.delete(key);
      this.add(key);
    }, ms);
    timer.unref();
    this.delayed.set(key, { due, timer });
  }

  /** True while a key waits or is being processed (delayed keys do not count). */
  busy(): boolean {
    return this.running || this.queue.length > 0;
  }

  stop(): void {
    this.stopped = true;
    for (const d of this.delayed.values()) d.timer.cancel();
    this.delayed.clear();
  }

  private kick(): void {
    if (this.running) return;
    this.running = true;
    void this.drain();
  }

  private async drain(): Promise<void> {
    try {
      while (!this.stopped && this.queue.length > 0) {
        const key = this.queue.shift()!;
        this.queued.delete(key);
        this.processing.add(key);
        try {
          await this.process(key);
          this.failures.delete(key);
        } catch (err) {
          const n = this.failures.get(key) ?? 0;
          this.failures.set(key, n + 1);
          this.onError(key, err);
          this.addAfter(key, Math.min(maxRetryMs, baseRetryMs * 2 ** n));
        } finally {
          this.processing.delete(key);
          if (this.dirty.delete(key)) this.add(key);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
