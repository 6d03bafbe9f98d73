/**
 * `.Capabilities` as Helm 4.1.4 gives it to `helm template` (no cluster): Kubernetes v1.35.0,
 * the API versions client-go v0.35 knows, and Helm's build info; `--kube-version` and
 * `--api-versions` adjust it.
 */
import { GO, type GoObject, type GoObjectInfo, sliceOf } from '../template/index.ts';

export const DEFAULT_KUBE_VERSION = 'v1.35.0';

/** common.DefaultVersionSet of Helm v4.1.4 (recorded from the real binary, in its order). */
export const DEFAULT_API_VERSIONS: readonly string[] = [
  'v1',
  'admissionregistration.k8s.io/v1',
  'admissionregistration.k8s.io/v1alpha1',
  'admissionregistration.k8s.io/v1beta1',
  'internal.apiserver.k8s.io/v1alpha1',
  'apps/v1',
  'apps/v1beta1',
  'apps/v1beta2',
  'authentication.k8s.io/v1',
  'authentication.k8s.io/v1alpha1',
  'authentication.k8s.io/v1beta1',
  'authorization.k8s.io/v1',
  'authorization.k8s.io/v1beta1',
  'autoscaling/v1',
  'autoscaling/v2',
  'autoscaling/v2beta1',
  'autoscaling/v2beta2',
  'batch/v1',
  'batch/v1beta1',
  'certificates.k8s.io/v1',
  'certificates.k8s.io/v1beta1',
  'certificates.k8s.io/v1alpha1',
  'coordination.k8s.io/v1alpha2',
  'coordination.k8s.io/v1beta1',
  'coordination.k8s.io/v1',
  'discovery.k8s.io/v1',
  'discovery.k8s.io/v1beta1',
  'events.k8s.io/v1',
  'events.k8s.io/v1beta1',
  'extensions/v1beta1',
  'flowcontrol.apiserver.k8s.io/v1',
  'flowcontrol.apiserver.k8s.io/v1beta1',
  'flowcontrol.apiserver.k8s.io/v1beta2',
  'flowcontrol.apiserver.k8s.io/v1beta3',
  'networking.k8s.io/v1',
  'networking.k8s.io/v1beta1',
  'node.k8s.io/v1',
  'node.k8s.io/v1alpha1',
  'node.k8s.io/v1beta1',
  'policy/v1',
  'policy/v1beta1',
  'rbac.authorization.k8s.io/v1',
  'rbac.authorization.k8s.io/v1beta1',
  'rbac.authorization.k8s.io/v1alpha1',
  'resource.k8s.io/v1',
  'resource.k8s.io/v1beta2',
  'resource.k8s.io/v1beta1',
  'resource.k8s.io/v1alpha3',
  'scheduling.k8s.io/v1alpha1',
  'scheduling.k8s.io/v1beta1',
  'scheduling.k8s.io/v1',
  'storage.k8s.io/v1beta1',
  'storage.k8s.io/v1',
  'storage.k8s.io/v1alpha1',
  'storagemigration.k8s.io/v1beta1',
  'apiextensions.k8s.io/v1beta1',
  'apiextensions.k8s.io/v1',
];

export const HELM_BUILD_INFO = {
  version: 'v4.1.4',
  gitCommit: '05fa37973dc9e42b76e1d2883494c87174b6074f',
  gitTreeState: 'clean',
  goVersion: 'go1.25.9',
  kubeClientVersion: 'v1.35',
};

export interface KubeVersion {
  /** as given, with a leading v (GitVersion) */
  version: string;
  /** v<major>.<minor>.<patch>, what String() and kubeVersion constraints use */
  normalized: string;
  major: string;
  minor: string;
}

export interface Capabilities {
  kubeVersion: KubeVersion;
  apiVersions: string[];
}

/** k8s.io/apimachinery version.ParseGeneric, as `--kube-version` uses it. */
export function parseKubeVersion(text: string): KubeVersion {
  const m = /^\s*v?([0-9]+(?:\.[0-9]+)*)(.*)$/.exec(text);
  if (!m) throw new Error(`could not parse "${text}" as version`);
  const parts = m[1]!.split('.');
  if (parts.length < 2) throw new Error(`illegal version string "${text}"`);
  const nums = parts.map((p) => {
    if (p.length > 1 && p.startsWith('0'))
      throw new Error(`illegal zero-prefixed version component "${p}" in "${text}"`);
    return BigInt(p);
  });
  while (nums.length < 3) nums.push(0n);
  const [major, minor, patch] = nums as [bigint, bigint, bigint];
  return {
    version: text.startsWith('v') ? text : `v${text}`,
    normalized: `v${major}.${minor}.${patch}`,
    major: String(major),
    minor: String(minor),
  };
}

export function defaultCapabilities(): Capabilities {
  return {
    kubeVersion: { version: DEFAULT_KUBE_VERSION, normalized: DEFAULT_KUBE_VERSION, major: '1', minor: '35' },
    apiVersions: [...DEFAULT_API_VERSIONS],
  };
}

function struct(type: string, fields: [string, unknown][], extra: Partial<GoObjectInfo> = {}): GoObject {
  const byName = new Map(fields);
  return {
    [GO]: {
      type,
      kind: 'struct',
      field: (name) => (byName.has(name) ? { found: true, value: byName.get(name) } : { found: false }),
      fields: () => fields,
      ...extra,
    },
  };
}

/** common.VersionSet: a []string that also answers `.Has`. */
function versionSet(list: string[]): string[] {
  const arr = sliceOf('string', [...list]);
  // func (v VersionSet) Has(apiVersion string) bool
  const has = Object.assign((v: string) => arr.includes(v), { params: ['string'] as const });
  Object.defineProperty(arr, GO, {
    enumerable: false,
    value: {
      type: 'common.VersionSet',
      kind: 'slice',
      method: (name: string) => (name === 'Has' ? has : undefined),
    } satisfies GoObjectInfo,
  });
  return arr;
}

/** The `.Capabilities` value templates see. */
export function capabilitiesObject(caps: Capabilities): GoObject {
  const kv = caps.kubeVersion;
  const kubeVersion = struct(
    'common.KubeVersion',
    [
      ['Version', kv.version],
      ['normalizedVersion', kv.normalized],
      ['Major', kv.major],
      ['Minor', kv.minor],
    ],
    {
      method: (name) =>
        name === 'String' ? () => kv.normalized : name === 'GitVersion' ? () => kv.version : undefined,
      string: () => kv.normalized,
    },
  );
  const b = HELM_BUILD_INFO;
  const helmVersion = struct('version.BuildInfo', [
    ['Version', b.version],
    ['GitCommit', b.gitCommit],
    ['GitTreeState', b.gitTreeState],
    ['GoVersion', b.goVersion],
    ['KubeClientVersion', b.kubeClientVersion],
  ]);
  const obj = struct('*common.Capabilities', [
    ['KubeVersion', kubeVersion],
    ['APIVersions', versionSet(caps.apiVersions)],
    ['HelmVersion', helmVersion],
  ]);
  obj[GO].kind = 'ptr';
  return obj;
}
