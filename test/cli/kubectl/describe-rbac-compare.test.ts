// `bosun kubectl describe` of Roles, ClusterRoles and their bindings against the real kubectl
// 1.35 on the same control plane: rules broken down and compacted per resource (groups,
// subresources, resource names, wildcards, non-resource URLs), and binding subjects.

import { afterAll, beforeAll, describe } from 'vitest';
import { compareEach, Harness, kubectlBin } from './harness.ts';

if (!kubectlBin)
  console.log('kubectl describe rbac compare: skipped, no reference kubectl (run scripts/reference-bins.sh)');

type Obj = Record<string, any>;

const rbac = '/apis/rbac.authorization.k8s.io/v1';

const roles: Obj[] = [
  {
    metadata: { name: 'reader', labels: { team: 'a' }, annotations: { purpose: 'read things' } },
    rules: [
      { apiGroups: [''], resources: ['pods', 'pods/log', 'services'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['apps', 'extensions'], resources: ['deployments'], verbs: ['get'] },
      // the same resource again: its verbs join the first rule's
      { apiGroups: [''], resources: ['pods'], verbs: ['delete', 'get'] },
      {
        apiGroups: [''],
        resources: ['configmaps'],
        resourceNames: ['app-config', 'other'],
        verbs: ['get', 'update'],
      },
      { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
    ],
  },
  { metadata: { name: 'empty' }, rules: [] },
];

const clusterRoles: Obj[] = [
  {
    metadata: { name: 'bosun-test-ops', labels: { team: 'a' } },
    rules: [
      { nonResourceURLs: ['/healthz', '/healthz/*'], verbs: ['get', 'post'] },
      { apiGroups: ['batch'], resources: ['jobs', 'cronjobs/status'], verbs: ['create', 'patch'] },
      { apiGroups: [''], resources: ['nodes'], verbs: ['list'] },
    ],
  },
  {
    metadata: { name: 'bosun-test-aggregate' },
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: { team: 'a' } }] },
  },
];

const subjects: Obj[] = [
  { kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' },
  { kind: 'Group', name: 'devs', apiGroup: 'rbac.authorization.k8s.io' },
  { kind: 'ServiceAccount', name: 'deployer', namespace: 'ci' },
];

const cases: string[][] = [
  ['describe', 'role', 'reader'],
  ['describe', 'role/empty'],
  ['describe', 'roles'],
  ['describe', 'role', '-l', 'team=a'],
  ['describe', 'clusterrole', 'bosun-test-ops'],
  ['describe', 'clusterrole', 'bosun-test-aggregate'],
  ['describe', 'clusterrole', 'bosun-test'],
  ['describe', 'clusterrole', '-l', 'team=a'],
  ['describe', 'rolebinding', 'readers'],
  ['describe', 'rolebinding', 'nobody'],
  ['describe', 'rolebindings'],
  ['describe', 'clusterrolebinding', 'bosun-test-ops'],
  ['describe', 'clusterrolebinding', '-l', 'team=a'],
  ['describe', 'role', 'nope'],
];

describe.skipIf(!kubectlBin)('bosun kubectl describe (rbac) equals kubectl 1.35', () => {
  const h = new Harness();
  beforeAll(async () => {
    await h.start();
    for (const r of clusterRoles) await h.api('POST', `${rbac}/clusterroles`, r);
    await h.api('POST', `${rbac}/clusterrolebindings`, {
      metadata: { name: 'bosun-test-ops', labels: { team: 'a' } },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'bosun-test-ops' },
      subjects,
    });
    await h.both(async (ns) => {
      for (const r of roles) await h.api('POST', `${rbac}/namespaces/${ns}/roles`, r);
      await h.api('POST', `${rbac}/namespaces/${ns}/rolebindings`, {
        metadata: { name: 'readers', labels: { team: 'a' } },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' },
        subjects,
      });
      await h.api('POST', `${rbac}/namespaces/${ns}/rolebindings`, {
        metadata: { name: 'nobody' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      });
    });
  }, 60_000);
  afterAll(() => h.stop());

  compareEach(h, cases);
});
