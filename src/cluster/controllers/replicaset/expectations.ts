// ControllerExpectations: what a controller is still waiting to see in its
// informer after its own writes, so a sync running on a stale cache does not
// create or delete the same pods twice. Deletions are tracked by pod key
// (UIDTrackingControllerExpectations); entries expire after five minutes.

import type { Clock } from '../../clock.ts';

const expectationsTimeoutMs = 5 * 60 * 1000;

interface Expectation {
  adds: number;
  deletes: Set<string>;
  at: number;
}

export class Expectations {
  private readonly byController = new Map<string, Expectation>();

  constructor(private readonly clock: Clock) {}

  satisfied(key: string): boolean {
    const e = this.byController.get(key);
    if (!e) return true;
    if (e.adds <= 0 && e.deletes.size === 0) return true;
    return this.clock.now() - e.at > expectationsTimeoutMs;
  }

  /** Creations and deletions at once (the DaemonSet controller does both in one sync). */
  expect(key: string, adds: number, deletes: string[]): void {
    this.byController.set(key, { adds, deletes: new Set(deletes), at: this.clock.now() });
  }

  expectCreations(key: string, count: number): void {
    this.byController.set(key, { adds: count, deletes: new Set(), at: this.clock.now() });
  }

  expectDeletions(key: string, podKeys: string[]): void {
    this.byController.set(key, { adds: 0, deletes: new Set(podKeys), at: this.clock.now() });
  }

  creationObserved(key: string): void {
    const e = this.byController.get(key);
    if (e) e.adds--;
  }

  deletionObserved(key: string, podKey: string): void {
    this.byController.get(key)?.deletes.delete(podKey);
  }

  delete(key: string): void {
    this.byController.delete(key);
  }
}
