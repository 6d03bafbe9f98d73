// The rollout arithmetic (deployment_util.go, rolling.go, sync.go's scale) as
// tables, and a property: no RollingUpdate ever breaks its fenceposts.

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  availableScaleDown,
  maxOldScaleDown,
  unhealthyCleanup,
} from '../../../src/cluster/controllers/deployment/rolling.ts';
import { computeTemplateHash, type KubeObject, rollout } from '../../../src/cluster/controllers/index.ts';

type IntOrString = number | string;

function deployment(
  replicas: number,
  maxSurge: IntOrString,
  maxUnavailable: IntOrString,
  extra: KubeObject = {},
): KubeObject {
  return {
    metadata: { name: 'd', generation: 1, annotations: {} },
    spec: { replicas, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } } },
    ...extra,
  };
}

let created = 0;
function rs(
  name: string,
  replicas: number,
  available = replicas,
  annotations: Record<string, string> = {},
): KubeObject {
  created++;
  return {
    metadata: {
      name,
      creationTimestamp: new Date(Date.UTC(2025, 0, 1, 0, 0, created)).toISOString().replace('.000', ''),
      annotations,
    },
    spec: { replicas },
    status: { replicas, availableReplicas: available },
  };
}

describe('resolveFenceposts', () => {
  const cases: [IntOrString | undefined, IntOrString | undefined, number, number, number][] = [
    // maxSurge, maxUnavailable, desired -> surge, unavailable
    ['25%', '25%', 10, 3, 2],
    ['25%', '25%', 4, 1, 1],
    ['25%', '25%', 3, 1, 0],
    ['25%', '25%', 1, 1, 0],
    ['39%', '39%', 10, 4, 3],
    ['33%', '33%', 10, 4, 3],
    ['100%', '0%', 4, 4, 0],
    ['0%', '100%', 4, 0, 4],
    [0, 0, 5, 0, 1],
    ['0%', '0%', 0, 0, 1],
    ['1%', '1%', 10, 1, 0],
    [1, 0, 3, 1, 0],
    [2, 3, 10, 2, 3],
    [undefined, '50%', 5, 0, 2],
  ];
  test.each(cases)(
    'surge %s unavailable %s of %i',
    (surge, unavailable, desired, wantSurge, wantUnavailable) => {
      expect(rollout.resolveFenceposts(surge, unavailable, desired)).toEqual({
        surge: wantSurge,
        unavailable: wantUnavailable,
      });
    },
  );

  const errors: [IntOrString, IntOrString, string][] = [
    ['oops', '1%', 'invalid value for IntOrString: invalid type: string is not a percentage'],
    ['5', '1%', 'invalid value for IntOrString: invalid type: string is not a percentage'],
    [
      '55%',
      'urg%',
      'invalid value for IntOrString: invalid value "urg%": strconv.Atoi: parsing "urg": invalid syntax',
    ],
  ];
  test.each(errors)('surge %s unavailable %s is an error', (surge, unavailable, message) => {
    expect(() => rollout.resolveFenceposts(surge, unavailable, 10)).toThrow(message);
  });

  test('maxUnavailable is capped at replicas and zero for Recreate or no replicas', () => {
    expect(rollout.maxUnavailable(deployment(2, 0, 5))).toBe(2);
    expect(rollout.maxUnavailable(deployment(0, 0, 5))).toBe(0);
    const recreate = deployment(4, 1, 1);
    recreate.spec.strategy = { type: 'Recreate' };
    expect(rollout.maxUnavailable(recreate)).toBe(0);
    expect(rollout.maxSurge(recreate)).toBe(0);
  });
});

describe('newRSNewReplicas', () => {
  const cases: [string, KubeObject, number[], number, number][] = [
    // name, deployment, old RS sizes, new RS size -> new RS size
    ['scale up by the surge', deployment(1, 1, 0), [1], 0, 1],
    ['no room above the surge', deployment(1, 1, 0), [1], 1, 1],
    ['25% of 10 from zero', deployment(10, '25%', '25%'), [10], 0, 3],
    ['already at replicas + surge', deployment(10, '25%', '25%'), [10], 3, 3],
    ['room left by scaled-down old pods', deployment(10, '25%', '25%'), [8], 3, 5],
    ['never above replicas', deployment(10, '25%', '25%'), [0], 9, 10],
    ['first rollout', deployment(3, '25%', '25%'), [], 0, 3],
  ];
  test.each(cases)('%s', (_name, d, oldSizes, newSize, want) => {
    const olds = oldSizes.map((n, i) => rs(`old${i}`, n));
    const newRS = rs('new', newSize, 0);
    expect(rollout.newRSNewReplicas(d, [...olds, newRS], newRS)).toBe(want);
  });

  test('Recreate goes straight to replicas', () => {
    const d = deployment(5, 1, 1);
    d.spec.strategy = { type: 'Recreate' };
    const newRS = rs('new', 0, 0);
    expect(rollout.newRSNewReplicas(d, [rs('old', 5), newRS], newRS)).toBe(5);
  });
});

describe('scaling old ReplicaSets down', () => {
  test('the budget is all pods less the minimum available less unavailable new pods', () => {
    const d = deployment(10, '25%', '25%');
    const old = rs('old', 10);
    const newRS = rs('new', 3, 0);
    expect(maxOldScaleDown(d, [old, newRS], newRS)).toBe(2);
    expect([...availableScaleDown(d, [old, newRS], [old]).values()]).toEqual([8]);
  });

  test('no scale-down while new pods are unavailable and the minimum is reached', () => {
    const d = deployment(10, '25%', '25%');
    const old = rs('old', 8);
    const newRS = rs('new', 5, 0);
    expect(maxOldScaleDown(d, [old, newRS], newRS)).toBe(0);
    expect(availableScaleDown(d, [old, newRS], [old]).size).toBe(0);
  });

  test('unhealthy old replicas go first, oldest ReplicaSet first, within the budget', () => {
    const older = rs('older', 3, 1);
    const old = rs('old', 4, 2);
    const sizes = unhealthyCleanup([old, older], 3);
    expect(sizes.get(older)).toBe(1);
    expect(sizes.get(old)).toBe(3);
  });

  test('available scale-down takes the oldest ReplicaSets first', () => {
    const d = deployment(4, 0, 2);
    const older = rs('older', 1);
    const old = rs('old', 3);
    const newRS = rs('new', 0, 0);
    const sizes = availableScaleDown(d, [older, old, newRS], [old, older]);
    expect(sizes.get(older)).toBe(0);
    expect(sizes.get(old)).toBe(2);
  });
});

describe('proportional scaling', () => {
  const cases: [string, number, IntOrString, [number, number][], number[]][] = [
    // name, new replicas, maxSurge, [RS size, max-replicas annotation] oldest first -> new sizes
    [
      'grow 10 -> 20',
      20,
      '25%',
      [
        [8, 13],
        [5, 13],
      ],
      [15, 10],
    ],
    [
      'shrink 10 -> 5',
      5,
      '25%',
      [
        [8, 13],
        [5, 13],
      ],
      [4, 3],
    ],
    [
      'leftover to the newest of equal size',
      3,
      0,
      [
        [1, 2],
        [1, 2],
      ],
      [1, 2],
    ],
    [
      'rounding leftover to the newest',
      4,
      0,
      [
        [1, 3],
        [1, 3],
        [1, 3],
      ],
      [1, 1, 2],
    ],
    [
      'scale to zero',
      0,
      '25%',
      [
        [3, 5],
        [2, 5],
      ],
      [0, 0],
    ],
  ];
  test.each(cases)('%s', (_name, replicas, surge, sets, want) => {
    const d = deployment(replicas, surge, 0);
    const rss = sets.map(([size, max], i) =>
      rs(`rs${i}`, size, size, { [rollout.maxReplicasAnnotation]: String(max) }),
    );
    const sizes = rollout.proportionalSizes(d, rss);
    expect(rss.map((r) => sizes.get(r))).toEqual(want);
  });

  test('findActiveOrLatest: the one active ReplicaSet, or the newest when none is', () => {
    const a = rs('a', 0);
    const b = rs('b', 0);
    const c = rs('c', 2);
    expect(rollout.findActiveOrLatest(undefined, [a, c])).toBe(c);
    expect(rollout.findActiveOrLatest(undefined, [a, b])).toBe(b);
    expect(rollout.findActiveOrLatest(c, [a, rs('d', 1)])).toBeUndefined();
  });
});

describe('revisions and annotations', () => {
  test('a new ReplicaSet takes the revision, the Deployment annotations and the replica annotations', () => {
    const d = deployment(4, 1, 0);
    d.metadata!.annotations = {
      'kubernetes.io/change-cause': 'kubectl set image',
      'kubectl.kubernetes.io/last-applied-configuration': '{}',
      [rollout.revisionAnnotation]: '3',
    };
    const newRS = rs('new', 0, 0);
    expect(rollout.setNewReplicaSetAnnotations(d, newRS, 4, false)).toBe(true);
    expect(newRS.metadata!.annotations).toEqual({
      'kubernetes.io/change-cause': 'kubectl set image',
      [rollout.revisionAnnotation]: '4',
      [rollout.desiredReplicasAnnotation]: '4',
      [rollout.maxReplicasAnnotation]: '5',
    });
  });

  test('reusing an old ReplicaSet (rollback) records its former revisions', () => {
    const d = deployment(2, 1, 0);
    const old = rs('old', 0, 0, { [rollout.revisionAnnotation]: '2' });
    rollout.setNewReplicaSetAnnotations(d, old, 5, true);
    expect(old.metadata!.annotations[rollout.revisionAnnotation]).toBe('5');
    expect(old.metadata!.annotations[rollout.revisionHistoryAnnotation]).toBe('2');
    rollout.setNewReplicaSetAnnotations(d, old, 7, true);
    expect(old.metadata!.annotations[rollout.revisionHistoryAnnotation]).toBe('2,5');
    expect(rollout.setNewReplicaSetAnnotations(d, old, 7, true)).toBe(false);
  });

  test('revision-history drops the oldest entries past its length limit', () => {
    const d = deployment(1, 1, 0);
    const old = rs('old', 0, 0, {
      [rollout.revisionAnnotation]: '30',
      [rollout.revisionHistoryAnnotation]: '10,20',
    });
    rollout.setNewReplicaSetAnnotations(d, old, 40, true, 6);
    expect(old.metadata!.annotations[rollout.revisionHistoryAnnotation]).toBe('20,30');
  });

  test('maxRevision ignores malformed revisions', () => {
    expect(
      rollout.maxRevision([
        rs('a', 0, 0, { [rollout.revisionAnnotation]: '3' }),
        rs('b', 0, 0, { [rollout.revisionAnnotation]: 'x' }),
        rs('c', 0, 0, { [rollout.revisionAnnotation]: '11' }),
      ]),
    ).toBe(11);
  });
});

describe('conditions', () => {
  test('same status and reason keep the condition; same status keeps lastTransitionTime; it moves last', () => {
    const status: KubeObject = {};
    rollout.setCondition(status, rollout.newCondition('Progressing', 'True', 'A', 'a', 't1'));
    rollout.setCondition(status, rollout.newCondition('Available', 'True', 'B', 'b', 't1'));
    rollout.setCondition(status, rollout.newCondition('Progressing', 'True', 'A', 'other', 't2'));
    expect(status.conditions.map((c: KubeObject) => c.type)).toEqual(['Progressing', 'Available']);
    expect(status.conditions[0].message).toBe('a');
    rollout.setCondition(status, rollout.newCondition('Progressing', 'True', 'C', 'c', 't3'));
    expect(status.conditions.map((c: KubeObject) => c.type)).toEqual(['Available', 'Progressing']);
    expect(status.conditions[1]).toMatchObject({
      reason: 'C',
      lastTransitionTime: 't1',
      lastUpdateTime: 't3',
    });
  });

  test('timed out once the last update is older than the deadline', () => {
    const d = deployment(1, 1, 0);
    d.spec.progressDeadlineSeconds = 600;
    const status = {
      conditions: [
        rollout.newCondition('Progressing', 'True', 'ReplicaSetUpdated', '', '2025-01-01T00:00:00Z'),
      ],
    };
    const start = Date.UTC(2025, 0, 1);
    expect(rollout.deploymentTimedOut(d, status, start + 600_000)).toBe(false);
    expect(rollout.deploymentTimedOut(d, status, start + 600_001)).toBe(true);
    d.spec.progressDeadlineSeconds = 2147483647;
    expect(rollout.deploymentTimedOut(d, status, start + 10 ** 10)).toBe(false);
  });
});

describe('pod-template-hash', () => {
  const template = {
    metadata: { labels: { app: 'web' } },
    spec: { containers: [{ name: 'web', image: 'nginx' }] },
  };
  test('is stable, safe-encoded, and changes with the template and the collision count', () => {
    const h = computeTemplateHash(template);
    expect(h).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    expect(computeTemplateHash(structuredClone(template))).toBe(h);
    expect(computeTemplateHash({ spec: template.spec, metadata: template.metadata })).toBe(h);
    expect(computeTemplateHash(template, 1)).not.toBe(h);
    const changed = structuredClone(template);
    changed.spec.containers[0].image = 'nginx:2';
    expect(computeTemplateHash(changed)).not.toBe(h);
  });
});

describe('a RollingUpdate never breaks its fenceposts', () => {
  const intOrPercent = fc.oneof(
    fc.integer({ min: 0, max: 5 }),
    fc.integer({ min: 0, max: 100 }).map((p) => `${p}%`),
  );
  test('available >= replicas - maxUnavailable and total <= replicas + maxSurge', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        intOrPercent,
        intOrPercent,
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 200 }),
        (replicas, surgeValue, unavailableValue, readiness) => {
          const d = deployment(replicas, surgeValue, unavailableValue);
          const { surge } = rollout.resolveFenceposts(surgeValue, unavailableValue, replicas);
          const maxUnavailable = rollout.maxUnavailable(d);
          // Pods per ReplicaSet: how many exist and how many of them are available.
          const old = rs('old', replicas);
          const newRS = rs('new', 0, 0);
          const pods = new Map([
            [old, { total: replicas, available: replicas }],
            [newRS, { total: 0, available: 0 }],
          ]);
          const materialize = () => {
            for (const [set, p] of pods) {
              const want = set.spec.replicas;
              if (p.total < want) p.total = want;
              else if (p.total > want) {
                // The ReplicaSet deletes unavailable pods first.
                const excess = p.total - want;
                const unavailable = p.total - p.available;
                p.available -= Math.max(0, excess - unavailable);
                p.total = want;
              }
              set.status = { replicas: p.total, availableReplicas: p.available };
            }
          };
          const check = () => {
            const total = pods.get(old)!.total + pods.get(newRS)!.total;
            const available = pods.get(old)!.available + pods.get(newRS)!.available;
            expect(total).toBeLessThanOrEqual(replicas + surge);
            expect(available).toBeGreaterThanOrEqual(replicas - maxUnavailable);
          };
          for (const percentReady of readiness) {
            // The controller: scale the new ReplicaSet up, else the old ones down.
            const all = [old, newRS];
            const wantNew = rollout.newRSNewReplicas(d, all, newRS);
            if (newRS.spec.replicas !== wantNew) newRS.spec.replicas = wantNew;
            else if (maxOldScaleDown(d, all, newRS) > 0) {
              for (const [set, size] of unhealthyCleanup([old], maxOldScaleDown(d, all, newRS)))
                set.spec.replicas = size;
              for (const [set, size] of availableScaleDown(d, all, [old])) set.spec.replicas = size;
            }
            materialize();
            check();
            // Some new pods become available.
            const p = pods.get(newRS)!;
            p.available += Math.floor(((p.total - p.available) * percentReady) / 100);
            newRS.status.availableReplicas = p.available;
            check();
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
