import { describe, expect, it } from 'vitest';
import { type Clock, RealClock, ScaledClock, SteppedClock } from '../../src/cluster/clock.ts';

/** A fake base clock for ScaledClock: real time that a test moves by hand. */
class ManualBase implements Clock {
  t = 1_000_000;
  timers: { ms: number; fn: () => void }[] = [];
  now() {
    return this.t;
  }
  date() {
    return new Date(this.t);
  }
  setTimeout(fn: () => void, ms: number) {
    this.timers.push({ ms, fn });
    const timer = { cancel: () => undefined, unref: () => timer };
    return timer;
  }
  setInterval(fn: () => void, ms: number) {
    return this.setTimeout(fn, ms);
  }
  sleep() {
    return Promise.resolve();
  }
}

describe('SteppedClock', () => {
  it('starts at the given instant and only moves when advanced', async () => {
    const clock = new SteppedClock(new Date('2025-06-01T00:00:00Z'));
    expect(clock.date().toISOString()).toBe('2025-06-01T00:00:00.000Z');
    await new Promise((r) => setTimeout(r, 5));
    expect(clock.now()).toBe(Date.parse('2025-06-01T00:00:00Z'));
    await clock.advance(1500);
    expect(clock.date().toISOString()).toBe('2025-06-01T00:00:01.500Z');
    await expect(clock.advance(-1)).rejects.toThrow('cannot move a clock backwards');
  });

  it('fires timers in due order, same-instant timers in the order set, with now() at their due time', async () => {
    const clock = new SteppedClock(0);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 200);
    clock.setTimeout(() => fired.push(`a@${clock.now()}`), 100);
    clock.setTimeout(() => fired.push(`c@${clock.now()}`), 200);
    const cancelled = clock.setTimeout(() => fired.push('never'), 150);
    cancelled.cancel();
    expect(clock.pending()).toBe(3);
    expect(clock.nextDue()).toBe(100);
    await clock.advance(150);
    expect(fired).toEqual(['a@100']);
    expect(clock.now()).toBe(150);
    await clock.advance(50);
    expect(fired).toEqual(['a@100', 'b@200', 'c@200']);
    expect(clock.pending()).toBe(0);
  });

  it('repeats intervals until cancelled', async () => {
    const clock = new SteppedClock(0);
    const ticks: number[] = [];
    const interval = clock.setInterval(() => ticks.push(clock.now()), 1000);
    await clock.advance(3500);
    expect(ticks).toEqual([1000, 2000, 3000]);
    interval.cancel();
    await clock.advance(5000);
    expect(ticks).toEqual([1000, 2000, 3000]);
    expect(() => clock.setInterval(() => undefined, 0)).toThrow('interval must be positive');
  });

  it('lets async code chain sleeps within one advance', async () => {
    const clock = new SteppedClock(0);
    const log: number[] = [];
    const loop = (async () => {
      for (let i = 0; i < 3; i++) {
        await clock.sleep(1000);
        log.push(clock.now());
      }
    })();
    await clock.advance(3000);
    await loop;
    expect(log).toEqual([1000, 2000, 3000]);
  });

  it('runs until quiet, jumping time to each timer; intervals stop at the limit', async () => {
    const clock = new SteppedClock(0);
    const done: number[] = [];
    (async () => {
      await clock.sleep(60_000);
      await clock.sleep(600_000);
      done.push(clock.now());
    })();
    expect(await clock.runUntilQuiet()).toBe(2);
    expect(done).toEqual([660_000]);
    expect(clock.now()).toBe(660_000);
    clock.setInterval(() => undefined, 1000);
    expect(await clock.runUntilQuiet({ limitMs: 10_000 })).toBe(10);
    expect(await clock.runUntilQuiet({ maxTimers: 3 })).toBe(3);
  });

  it('rejects a sleep when its signal aborts, and cancels the timer', async () => {
    const clock = new SteppedClock(0);
    const controller = new AbortController();
    const sleeping = clock.sleep(1000, controller.signal);
    controller.abort(new Error('stopped'));
    await expect(sleeping).rejects.toThrow('stopped');
    expect(clock.pending()).toBe(0);
    await expect(clock.sleep(10, controller.signal)).rejects.toThrow('stopped');
  });
});

describe('ScaledClock', () => {
  it('runs time factor times faster from its start instant', () => {
    const base = new ManualBase();
    const clock = new ScaledClock(60, Date.UTC(2025, 0, 1), base);
    expect(clock.date().toISOString()).toBe('2025-01-01T00:00:00.000Z');
    base.t += 1000;
    expect(clock.date().toISOString()).toBe('2025-01-01T00:01:00.000Z');
  });

  it('schedules timers at ms/factor of real time', () => {
    const base = new ManualBase();
    const clock = new ScaledClock(600, undefined, base);
    clock.setTimeout(() => undefined, 600_000);
    clock.setInterval(() => undefined, 60_000);
    expect(base.timers.map((t) => t.ms)).toEqual([1000, 100]);
    expect(clock.now()).toBe(base.t);
  });

  it('rejects a non-positive factor', () => {
    expect(() => new ScaledClock(0)).toThrow('time scale must be a positive number, got 0');
  });

  it('really sleeps scaled time', async () => {
    const clock = new ScaledClock(100);
    const start = Date.now();
    const virtualStart = clock.now();
    await clock.sleep(2000);
    expect(Date.now() - start).toBeLessThan(1000);
    expect(clock.now() - virtualStart).toBeGreaterThanOrEqual(1900);
  });
});

describe('RealClock', () => {
  it('follows Date.now and fires real timers', async () => {
    const clock = new RealClock();
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(50);
    let fired = 0;
    const interval = clock.setInterval(() => fired++, 5);
    await clock.sleep(30);
    interval.cancel();
    expect(fired).toBeGreaterThanOrEqual(2);
    const t = clock.setTimeout(() => fired--, 1).unref();
    t.cancel();
  });
});
