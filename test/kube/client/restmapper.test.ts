// kubectl's resolution of resource words over discovery (RestMapper), as pure data: the expected
// resource of each word is what kubectl 1.35 resolved against a server serving the same groups
// (checked live in test/cli/kubectl/resolve-compare.test.ts).

import { describe, expect, test } from 'vitest';
import {
  type ApiResource,
  type DiscoveredGroup,
  guessResourceNames,
  RestMapper,
} from '../../../src/kube/client/index.ts';

function r(
  group: string,
  version: string,
  resource: string,
  kind: string,
  extra: Partial<ApiResource> = {},
): ApiResource {
  return {
    group,
    version,
    resource,
    kind,
    namespaced: true,
    singular: kind.toLowerCase(),
    shortNames: [],
    categories: [],
    verbs: ['get', 'list'],
    subresources: [],
    ...extra,
  };
}

const hpa = (v: string) =>
  r('autoscaling', v, 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', {
    shortNames: ['hpa'],
    categories: ['all'],
  });

const groups: DiscoveredGroup[] = [
  {
    name: '',
    preferredVersion: 'v1',
    versions: [
      {
        version: 'v1',
        resources: [
          r('', 'v1', 'pods', 'Pod', { shortNames: ['po'], categories: ['all'] }),
          r('', 'v1', 'services', 'Service', { shortNames: ['svc'], categories: ['all'] }),
          r('', 'v1', 'events', 'Event', { shortNames: ['ev'] }),
          r('', 'v1', 'endpoints', 'Endpoints', { singular: 'endpoints', shortNames: ['ep'] }),
          r('', 'v1', 'namespaces', 'Namespace', { namespaced: false, shortNames: ['ns'] }),
        ],
      },
    ],
  },
  {
    name: 'apps',
    preferredVersion: 'v1',
    versions: [
      {
        version: 'v1',
        resources: [
          r('apps', 'v1', 'deployments', 'Deployment', { shortNames: ['deploy'], categories: ['all'] }),
        ],
      },
    ],
  },
  {
    name: 'autoscaling',
    preferredVersion: 'v2',
    versions: [
      { version: 'v2', resources: [hpa('v2')] },
      { version: 'v1', resources: [hpa('v1')] },
    ],
  },
  {
    name: 'events.k8s.io',
    preferredVersion: 'v1',
    versions: [
      { version: 'v1', resources: [r('events.k8s.io', 'v1', 'events', 'Event', { shortNames: ['ev'] })] },
    ],
  },
  {
    name: 'stable.example.com',
    preferredVersion: 'v1',
    versions: ['v1', 'v1beta1'].map((version) => ({
      version,
      resources: [
        r('stable.example.com', version, 'crontabs', 'CronTab', {
          shortNames: ['ct', 'deploy'],
          categories: ['all', 'cron-things'],
        }),
      ],
    })),
  },
  {
    name: 'toys.example.org',
    preferredVersion: 'v2',
    versions: [
      {
        version: 'v2',
        resources: [
          r('toys.example.org', 'v2', 'widgets', 'Widget', {
            namespaced: false,
            singular: 'gadget',
            shortNames: ['ct', 'wd'],
            categories: ['cron-things'],
          }),
        ],
      },
    ],
  },
];

const mapper = new RestMapper(groups);

/** word -> `group/version/resource` (or `-` for no match), and the warnings kubectl prints. */
const cases: [string, string, string[]?][] = [
  ['pods', '/v1/pods'],
  ['POD', '/v1/pods'],
  ['Pod', '/v1/pods'],
  ['po', '/v1/pods'],
  ['PO', '-'],
  ['endpoints', '/v1/endpoints'],
  [
    'deploy',
    'apps/v1/deployments',
    ['short name "deploy" could also match lower priority resource crontabs.stable.example.com'],
  ],
  ['Deploy', '-'],
  ['DEPLOYMENTS', 'apps/v1/deployments'],
  ['deployments.apps', 'apps/v1/deployments'],
  ['deployments.APPS', '-'],
  ['deployments.ap', 'apps/v1/deployments'],
  ['deploy.ap', 'apps/v1/deployments'],
  ['Deployment.v1.apps', 'apps/v1/deployments'],
  ['deployments.v2.apps', '-'],
  ['hpa', 'autoscaling/v2/horizontalpodautoscalers'],
  ['horizontalpodautoscalers.v1.autoscaling', 'autoscaling/v1/horizontalpodautoscalers'],
  // a short name forgets the version it came with
  ['hpa.v1.autoscaling', 'autoscaling/v2/horizontalpodautoscalers'],
  ['HorizontalPodAutoscaler.v1.autoscaling', 'autoscaling/v1/horizontalpodautoscalers'],
  ['ev', '/v1/events', ['short name "ev" could also match lower priority resource events.events.k8s.io']],
  ['events', '/v1/events'],
  ['ev.events.k8s.io', 'events.k8s.io/v1/events'],
  ['ev.events', 'events.k8s.io/v1/events'],
  ['events.k8s', '-'],
  [
    'ct',
    'stable.example.com/v1/crontabs',
    ['short name "ct" could also match lower priority resource widgets.toys.example.org'],
  ],
  ['ct.toys', 'toys.example.org/v2/widgets'],
  ['crontabs.v1beta1.stable.example.com', 'stable.example.com/v1beta1/crontabs'],
  ['CronTab.v1beta1.stable.example.com', 'stable.example.com/v1beta1/crontabs'],
  ['gadget', 'toys.example.org/v2/widgets'],
  ['widget', '-'],
  ['Widget', '-'],
  ['Widget.toys.example.org', 'toys.example.org/v2/widgets'],
  ['pods.v1', '-'],
  ['deploymentlist', 'apps/v1/deploymentlists'],
  ['lists', '/v1/lists'],
  ['', '-'],
  ['nothings', '-'],
];

describe('RestMapper.mappingFor', () => {
  for (const [word, want, warnings = []] of cases) {
    test(`${word || '(empty)'} -> ${want}`, () => {
      const seen: string[] = [];
      const found = mapper.mappingFor(word, (m) => seen.push(m));
      expect(found ? `${found.group}/${found.version}/${found.resource}` : '-').toBe(want);
      expect(seen).toEqual(warnings);
    });
  }
});

const categoryCases: [string, string][] = [
  [
    'all',
    'pods,services,deployments.apps,horizontalpodautoscalers.autoscaling,horizontalpodautoscalers.autoscaling,crontabs.stable.example.com,crontabs.stable.example.com',
  ],
  ['ALL', 'ALL'],
  ['cron-things,cm', 'crontabs.stable.example.com,crontabs.stable.example.com,widgets.toys.example.org,cm'],
  ['deploy,', 'deploy,'],
];

describe('RestMapper.expandCategories', () => {
  for (const [arg, want] of categoryCases) test(arg, () => expect(mapper.expandCategories(arg)).toBe(want));
});

const guesses: [string, string, string][] = [
  ['Pod', 'pods', 'pod'],
  ['Endpoints', 'endpoints', 'endpoints'],
  ['Ingress', 'ingresses', 'ingress'],
  ['NetworkPolicy', 'networkpolicies', 'networkpolicy'],
  ['Gateway', 'gateways', 'gateway'],
  ['Box', 'boxes', 'box'],
  ['DeploymentList', 'deploymentlists', 'deploymentlist'],
];

describe('guessResourceNames', () => {
  for (const [kind, plural, singular] of guesses)
    test(kind, () => expect(guessResourceNames(kind)).toEqual({ plural, singular }));
});
