// Cluster time for suites that run a whole control plane on a stepped clock.

import type { SteppedClock } from '../../../src/cluster/clock.ts';
import type { ControlPlane } from '../../../src/cluster/index.ts';

/** Moves cluster time forward `ms`, timer by timer, letting every loop go quiet at each step. */
export async function runFor(plane: ControlPlane, clock: SteppedClock, ms: number): Promise<void> {
  const manager = plane.controllers!;
  const until = clock.now() + ms;
  await manager.idle();
  for (;;) {
    const next = clock.nextDue();
    if (next === undefined || next > until) break;
    await clock.advanceTo(next);
    await manager.idle();
  }
  await clock.advanceTo(until);
  await manager.idle();
}
