// `bosun kubectl auth can-i` and `auth whoami` against the real kubectl 1.35 on one control plane,
// which answers SelfSubjectAccessReview, SelfSubjectRulesReview and SelfSubjectReview as
// kube-apiserver answers a cluster-admin. stdout, stderr and exit code must be equal.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { requestUser } from '../../../src/cluster/server/reviews.ts';
import { Harness, kubectlBin, normalise } from './harness.ts';
import { runSide } from './sides.ts';

const h = new Harness();

const cases: string[][] = [
  ['auth', 'can-i', 'get', 'pods'],
  ['auth', 'can-i', '*', '*'],
  ['auth', 'can-i', 'get', '/logs'],
  ['auth', 'can-i', 'get', '/x/y'],
  ['auth', 'can-i', 'list', 'nodes'],
  ['auth', 'can-i', 'get', 'nodes', '-A'],
  ['auth', 'can-i', 'list', 'clusterroles.rbac.authorization.k8s.io'],
  ['auth', 'can-i', 'foo', 'pods'],
  ['auth', 'can-i', 'foo', '/x'],
  ['auth', 'can-i', 'get', 'foos'],
  ['auth', 'can-i', 'get', 'foo.bar'],
  ['auth', 'can-i', 'impersonate', 'users'],
  ['auth', 'can-i', 'list', 'Pods'],
  ['auth', 'can-i', 'get', 'deployments.v1.apps'],
  ['auth', 'can-i', 'get', 'deploy/web', '-A'],
  ['auth', 'can-i', 'get', 'pods', '--subresource=log'],
  ['auth', 'can-i', 'get', 'pods/abc', '-q'],
  ['auth', 'can-i', 'create', 'pods', '--as=jane'],
  ['auth', 'can-i', '--list'],
  ['auth', 'can-i', '--list', '--no-headers'],
  ['auth', 'can-i'],
  ['auth', 'can-i', 'get', 'pods', 'a', 'b'],
  ['auth', 'can-i', '--list', 'pods'],
  ['auth', 'can-i', '--list', '-q'],
  ['auth', 'can-i', '--list', '-A'],
  ['auth', 'can-i', 'get', 'pods', '--no-headers'],
  ['auth', 'can-i', 'get', '/x', '--subresource=a'],
  ['auth', 'can-i', 'get', 'pods', '--bogus'],
  ['auth', 'whoami'],
  ['auth', 'whoami', '-o', 'yaml'],
  ['auth', 'whoami', '-o', 'json'],
  ['auth', 'whoami', '-o', 'name'],
  ['auth', 'whoami', '-o', 'wide'],
  ['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.groups}'],
  ['auth', 'whoami', 'extra'],
  // impersonation headers: the server answers as the impersonated user
  ['auth', 'whoami', '--as=jane'],
  ['auth', 'whoami', '--as=jane', '--as-group=devs', '--as-group=ops', '-o', 'json'],
  ['auth'],
  ['auth', 'foo'],
];

describe.skipIf(!kubectlBin)('kubectl auth equals kubectl 1.35', () => {
  beforeAll(() => h.start(), 60_000);
  afterAll(() => h.stop());

  for (const args of cases) {
    test(args.join(' '), async () => {
      const expected = await runSide(h, 'ref', args);
      const actual = await runSide(h, 'bos', args);
      expect(normalise(actual.stdout)).toBe(normalise(expected.stdout));
      expect(normalise(actual.stderr)).toBe(normalise(expected.stderr));
      expect(actual.code).toBe(expected.code);
    }, 60_000);
  }
});

describe('the identity a review reports', () => {
  const table: { headers: Record<string, string | string[]>; user: Record<string, unknown> }[] = [
    { headers: {}, user: { username: 'bosun-admin', groups: ['system:masters', 'system:authenticated'] } },
    {
      headers: { 'impersonate-user': 'jane', 'impersonate-group': ['dev', 'ops'] },
      user: { username: 'jane', groups: ['dev', 'ops', 'system:authenticated'] },
    },
    {
      headers: { 'impersonate-user': 'system:serviceaccount:ns1:builder', 'impersonate-uid': 'u-1' },
      user: {
        username: 'system:serviceaccount:ns1:builder',
        uid: 'u-1',
        groups: ['system:serviceaccounts', 'system:serviceaccounts:ns1', 'system:authenticated'],
      },
    },
    {
      headers: { 'impersonate-user': 'system:anonymous', 'impersonate-extra-scopes': 'a, b' },
      user: { username: 'system:anonymous', groups: [], extra: { scopes: ['a', 'b'] } },
    },
  ];
  for (const c of table)
    test(JSON.stringify(c.headers), () => {
      expect(requestUser(c.headers)).toEqual(c.user);
    });
});
