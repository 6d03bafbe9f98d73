// `bosun kubectl describe` of EndpointSlices, IngressClasses and NetworkPolicies against the
// real kubectl 1.35 on the same control plane.

import { afterAll, beforeAll, describe } from 'vitest';
import { compareEach, Harness, kubectlBin } from './harness.ts';

if (!kubectlBin)
  console.log(
    'kubectl describe network compare: skipped, no reference kubectl (run scripts/reference-bins.sh)',
  );

type Obj = Record<string, any>;

const slices: Obj[] = [
  {
    metadata: { name: 'web-abc12', labels: { 'kubernetes.io/service-name': 'web', app: 'web' } },
    addressType: 'IPv4',
    ports: [
      { name: 'http', port: 80, protocol: 'TCP' },
      { name: '', port: 53, protocol: 'UDP' },
    ],
    endpoints: [
      {
        addresses: ['10.42.0.5'],
        conditions: { ready: true, serving: true, terminating: false },
        hostname: 'web-0',
        nodeName: 'alpha',
        zone: 'zone-a',
        targetRef: { kind: 'Pod', name: 'web-0', namespace: 'ref' },
      },
      { addresses: ['10.42.0.6', '10.42.0.7'], conditions: { ready: false } },
      { addresses: ['10.42.0.8'], conditions: {} },
    ],
  },
  { metadata: { name: 'bare' }, addressType: 'IPv6', endpoints: [] },
];

const classes: Obj[] = [
  {
    metadata: {
      name: 'nginx',
      labels: { app: 'ingress' },
      annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' },
    },
    spec: {
      controller: 'k8s.io/ingress-nginx',
      parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'external-lb' },
    },
  },
  {
    metadata: { name: 'plain' },
    spec: {
      controller: 'example.com/ingress',
      parameters: { kind: 'ConfigMap', name: 'params', scope: 'Namespace', namespace: 'ref' },
    },
  },
  { metadata: { name: 'bare' }, spec: { controller: 'example.com/bare' } },
];

const policies: Obj[] = [
  { metadata: { name: 'deny-all' }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } },
  {
    metadata: { name: 'web', labels: { app: 'web' }, annotations: { owner: 'net' } },
    spec: {
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        {
          from: [
            { ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.1.0/24', '172.17.2.0/24'] } },
            { namespaceSelector: { matchLabels: { project: 'p' } } },
            {
              podSelector: { matchExpressions: [{ key: 'role', operator: 'In', values: ['fe', 'be'] }] },
              namespaceSelector: {},
            },
            { podSelector: { matchLabels: { role: 'frontend' } } },
          ],
          ports: [
            { protocol: 'TCP', port: 6379 },
            { port: 'http' },
            { protocol: 'UDP', port: 32000, endPort: 32768 },
          ],
        },
        {},
      ],
      egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ protocol: 'TCP', port: 5978 }] }, {}],
    },
  },
  {
    metadata: { name: 'ingress-only' },
    spec: { podSelector: { matchLabels: { tier: 'db' } }, ingress: [{ ports: [{ port: 5432 }] }] },
  },
  {
    metadata: { name: 'egress-only' },
    spec: { podSelector: {}, policyTypes: ['Egress'], egress: [] },
  },
];

const cases: string[][] = [
  ['describe', 'endpointslice', 'web-abc12'],
  ['describe', 'endpointslices', 'bare'],
  ['describe', 'endpointslice', '-l', 'kubernetes.io/service-name=web'],
  ['describe', 'ingressclass', 'nginx'],
  ['describe', 'ingressclass/plain'],
  ['describe', 'ingressclass', 'bare', '--show-events=false'],
  ['describe', 'ingressclass', '-l', 'app=ingress'],
  ['describe', 'networkpolicy', 'deny-all'],
  ['describe', 'netpol', 'web'],
  ['describe', 'netpol', 'ingress-only'],
  ['describe', 'netpol', 'egress-only'],
  ['describe', 'netpol'],
  ['describe', 'netpol', '-l', 'app=web'],
];

describe.skipIf(!kubectlBin)(
  'bosun kubectl describe (endpointslice, ingressclass, netpol) equals kubectl 1.35',
  () => {
    const h = new Harness();
    beforeAll(async () => {
      await h.start();
      for (const ic of classes) {
        const created = await h.api('POST', '/apis/networking.k8s.io/v1/ingressclasses', ic);
        if (ic.metadata.name === 'nginx')
          await h.api('POST', '/api/v1/namespaces/default/events', {
            metadata: { name: 'nginx.ic' },
            involvedObject: {
              apiVersion: 'networking.k8s.io/v1',
              kind: 'IngressClass',
              name: 'nginx',
              uid: created.metadata.uid,
            },
            reason: 'Sync',
            message: 'Scheduled for sync',
            type: 'Normal',
            source: { component: 'nginx-ingress-controller' },
            firstTimestamp: '2024-03-01T10:00:00Z',
            lastTimestamp: '2024-03-01T10:00:00Z',
            count: 1,
          });
      }
      await h.both(async (ns) => {
        for (const s of slices) {
          const created = await h.api('POST', `/apis/discovery.k8s.io/v1/namespaces/${ns}/endpointslices`, s);
          if (s.metadata.name === 'bare')
            await h.api('POST', `/api/v1/namespaces/${ns}/events`, {
              metadata: { name: 'bare.eps' },
              involvedObject: {
                apiVersion: 'discovery.k8s.io/v1',
                kind: 'EndpointSlice',
                name: 'bare',
                namespace: ns,
                uid: created.metadata.uid,
              },
              reason: 'Mirroring',
              message: 'nothing to mirror',
              type: 'Warning',
              source: { component: 'endpointslice-mirroring-controller' },
              firstTimestamp: '2024-03-01T10:00:00Z',
              lastTimestamp: '2024-03-01T10:00:00Z',
              count: 1,
            });
        }
        for (const p of policies)
          await h.api('POST', `/apis/networking.k8s.io/v1/namespaces/${ns}/networkpolicies`, p);
      });
    }, 60_000);
    afterAll(() => h.stop());

    compareEach(h, cases);
  },
);
