/**
 * The volume source blocks of `kubectl describe` (k8s.io/kubectl/pkg/describe print*VolumeSource)
 * as data: for each source, its title and the fields upstream prints, in its order. A
 * PersistentVolume's sources and a pod's inline ones differ slightly (secret references,
 * namespaces), so each has its own table.
 */
import type { PrefixWriter } from './describe.ts';

type Obj = Record<string, any>;

const isSet = (v: unknown) => v !== undefined && v !== null;

const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** How a source field prints, as Go's %v of its type (an unset field is its zero value). */
type FieldKind =
  | 'string'
  | 'bool'
  | 'int'
  | 'list' // []string: `[a b]`
  | 'joined' // strings.Join(list, ", ")
  | 'secretRef' // *SecretReference
  | 'localRef' // *LocalObjectReference
  | 'options' // map[string]string: `map[k:v]`
  | { orElse: string }; // *string: its value, or this text when unset

export interface VolumeSourceLayout {
  field: string;
  type: string;
  /** [label, JSON field, kind]; a label without `:` is printed as upstream spells it. */
  lines: [string, string, FieldKind][];
  /** CSI sources end with their attributes. */
  attributes?: boolean;
}

function fieldText(value: unknown, kind: FieldKind): string {
  if (typeof kind === 'object') return isSet(value) ? String(value) : kind.orElse;
  switch (kind) {
    case 'string':
      return isSet(value) ? String(value) : '';
    case 'bool':
      return value === true ? 'true' : 'false';
    case 'int':
      return isSet(value) ? String(value) : '0';
    case 'list':
      return `[${((value ?? []) as unknown[]).join(' ')}]`;
    case 'joined':
      return ((value ?? []) as unknown[]).join(', ');
    case 'secretRef': {
      // the generated String() of the API type; a nil pointer prints `nil`
      const ref = value as Obj | undefined;
      return ref ? `&SecretReference{Name:${ref.name ?? ''},Namespace:${ref.namespace ?? ''},}` : 'nil';
    }
    case 'localRef': {
      const ref = value as Obj | undefined;
      return ref ? `&LocalObjectReference{Name:${ref.name ?? ''},}` : 'nil';
    }
    case 'options': {
      const m = (value ?? {}) as Obj;
      return `map[${Object.keys(m)
        .sort(compareStrings)
        .map((k) => `${k}:${m[k]}`)
        .join(' ')}]`;
    }
  }
}

const readOnly: [string, string, FieldKind] = ['ReadOnly:', 'readOnly', 'bool'];
const fsType: [string, string, FieldKind] = ['FSType:', 'fsType', 'string'];

/** The PersistentVolume sources in upstream's order of precedence. */
export const persistentVolumeSources: VolumeSourceLayout[] = [
  {
    field: 'hostPath',
    type: 'HostPath (bare host directory volume)',
    lines: [
      ['Path:', 'path', 'string'],
      ['HostPathType:', 'type', { orElse: '<none>' }],
    ],
  },
  {
    field: 'gcePersistentDisk',
    type: 'GCEPersistentDisk (a Persistent Disk resource in Google Compute Engine)',
    lines: [['PDName:', 'pdName', 'string'], fsType, ['Partition:', 'partition', 'int'], readOnly],
  },
  {
    field: 'awsElasticBlockStore',
    type: 'AWSElasticBlockStore (a Persistent Disk resource in AWS)',
    lines: [['VolumeID:', 'volumeID', 'string'], fsType, ['Partition:', 'partition', 'int'], readOnly],
  },
  {
    field: 'nfs',
    type: 'NFS (an NFS mount that lasts the lifetime of a pod)',
    lines: [['Server:', 'server', 'string'], ['Path:', 'path', 'string'], readOnly],
  },
  {
    field: 'iscsi',
    type: "ISCSI (an ISCSI Disk resource that is attached to a kubelet's host machine and then exposed to the pod)",
    lines: [
      ['TargetPortal:', 'targetPortal', 'string'],
      ['IQN:', 'iqn', 'string'],
      ['Lun:', 'lun', 'int'],
      ['ISCSIInterface', 'iscsiInterface', 'string'],
      fsType,
      readOnly,
      ['Portals:', 'portals', 'list'],
      ['DiscoveryCHAPAuth:', 'chapAuthDiscovery', 'bool'],
      ['SessionCHAPAuth:', 'chapAuthSession', 'bool'],
      ['SecretRef:', 'secretRef', 'secretRef'],
      ['InitiatorName:', 'initiatorName', { orElse: '<none>' }],
    ],
  },
  {
    field: 'glusterfs',
    type: "Glusterfs (a Glusterfs mount on the host that shares a pod's lifetime)",
    lines: [
      ['EndpointsName:', 'endpoints', 'string'],
      ['EndpointsNamespace:', 'endpointsNamespace', { orElse: '<unset>' }],
      ['Path:', 'path', 'string'],
      readOnly,
    ],
  },
  {
    field: 'rbd',
    type: "RBD (a Rados Block Device mount on the host that shares a pod's lifetime)",
    lines: [
      ['CephMonitors:', 'monitors', 'list'],
      ['RBDImage:', 'image', 'string'],
      fsType,
      ['RBDPool:', 'pool', 'string'],
      ['RadosUser:', 'user', 'string'],
      ['Keyring:', 'keyring', 'string'],
      ['SecretRef:', 'secretRef', 'secretRef'],
      readOnly,
    ],
  },
  {
    field: 'quobyte',
    type: "Quobyte (a Quobyte mount on the host that shares a pod's lifetime)",
    lines: [['Registry:', 'registry', 'string'], ['Volume:', 'volume', 'string'], readOnly],
  },
  {
    field: 'vsphereVolume',
    type: 'vSphereVolume (a Persistent Disk resource in vSphere)',
    lines: [
      ['VolumePath:', 'volumePath', 'string'],
      fsType,
      ['StoragePolicyName:', 'storagePolicyName', 'string'],
    ],
  },
  {
    field: 'cinder',
    type: 'Cinder (a Persistent Disk resource in OpenStack)',
    lines: [['VolumeID:', 'volumeID', 'string'], fsType, readOnly, ['SecretRef:', 'secretRef', 'secretRef']],
  },
  {
    field: 'photonPersistentDisk',
    type: 'PhotonPersistentDisk (a Persistent Disk resource in photon platform)',
    lines: [['PdID:', 'pdID', 'string'], fsType],
  },
  {
    field: 'portworxVolume',
    type: 'PortworxVolume (a Portworx Volume resource)',
    lines: [['VolumeID:', 'volumeID', 'string']],
  },
  {
    field: 'scaleIO',
    type: 'ScaleIO (a persistent volume backed by a block device in ScaleIO)',
    lines: [
      ['Gateway:', 'gateway', 'string'],
      ['System:', 'system', 'string'],
      ['Protection Domain:', 'protectionDomain', 'string'],
      ['Storage Pool:', 'storagePool', 'string'],
      ['Storage Mode:', 'storageMode', 'string'],
      ['VolumeName:', 'volumeName', 'string'],
      ['SecretName:', 'secretRef.name', 'string'],
      ['SecretNamespace:', 'secretRef.namespace', 'string'],
      fsType,
      readOnly,
    ],
  },
  {
    field: 'local',
    type: 'LocalVolume (a persistent volume backed by local storage on a node)',
    lines: [['Path:', 'path', 'string']],
  },
  {
    field: 'cephfs',
    type: "CephFS (a CephFS mount on the host that shares a pod's lifetime)",
    lines: [
      ['Monitors:', 'monitors', 'list'],
      ['Path:', 'path', 'string'],
      ['User:', 'user', 'string'],
      ['SecretFile:', 'secretFile', 'string'],
      ['SecretRef:', 'secretRef', 'secretRef'],
      readOnly,
    ],
  },
  {
    field: 'storageos',
    type: 'StorageOS (a StorageOS Persistent Disk resource)',
    lines: [
      ['VolumeName:', 'volumeName', 'string'],
      ['VolumeNamespace:', 'volumeNamespace', 'string'],
      fsType,
      readOnly,
    ],
  },
  {
    field: 'fc',
    type: 'FC (a Fibre Channel disk)',
    lines: [['TargetWWNs:', 'targetWWNs', 'joined'], ['LUN:', 'lun', { orElse: '<none>' }], fsType, readOnly],
  },
  {
    field: 'azureFile',
    type: 'AzureFile (an Azure File Service mount on the host and bind mount to the pod)',
    lines: [
      ['SecretName:', 'secretName', 'string'],
      ['SecretNamespace:', 'secretNamespace', 'string'],
      ['ShareName:', 'shareName', 'string'],
      readOnly,
    ],
  },
  {
    field: 'flexVolume',
    type: 'FlexVolume (a generic volume resource that is provisioned/attached using an exec based plugin)',
    lines: [
      ['Driver:', 'driver', 'string'],
      fsType,
      ['SecretRef:', 'secretRef', 'secretRef'],
      readOnly,
      ['Options:', 'options', 'options'],
    ],
  },
  {
    field: 'flocker',
    type: 'Flocker (a Flocker volume mounted by the Flocker agent)',
    lines: [
      ['DatasetName:', 'datasetName', 'string'],
      ['DatasetUUID:', 'datasetUUID', 'string'],
    ],
  },
  {
    field: 'csi',
    type: 'CSI (a Container Storage Interface (CSI) volume source)',
    lines: [['Driver:', 'driver', 'string'], fsType, ['VolumeHandle:', 'volumeHandle', 'string'], readOnly],
    attributes: true,
  },
];

const fieldAt = (source: Obj, path: string) =>
  path.split('.').reduce<any>((o, k) => (o === undefined || o === null ? undefined : o[k]), source);

const maxAttributeLength = 140;

/** printCSIPersistentVolumeAttributesMultiline, with upstream's doubled indent on later lines. */
function printVolumeAttributes(w: PrefixWriter, attributes: Obj | undefined): void {
  w.write(2, 'VolumeAttributes:\t');
  const keys = Object.keys(attributes ?? {}).sort(compareStrings);
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) {
      w.write(2, '');
      w.write(2, '\t');
    }
    const line = `${k}=${attributes![k]}`;
    const bytes = Buffer.from(line);
    w.write(
      2,
      bytes.length > maxAttributeLength
        ? `${bytes.subarray(0, maxAttributeLength).toString()}...\n`
        : `${line}\n`,
    );
  });
}

const byField = new Map(persistentVolumeSources.map((s) => [s.field, s]));
const same = (field: string) => byField.get(field)!;

/** A pod's inline volume sources (emptyDir, secret, configMap, claims, downward API and projected aside). */
export const podVolumeSources: VolumeSourceLayout[] = [
  same('hostPath'),
  same('gcePersistentDisk'),
  same('awsElasticBlockStore'),
  {
    field: 'gitRepo',
    type: 'GitRepo (a volume that is pulled from git when the pod is created)',
    lines: [
      ['Repository:', 'repository', 'string'],
      ['Revision:', 'revision', 'string'],
    ],
  },
  same('nfs'),
  {
    ...same('iscsi'),
    lines: same('iscsi').lines.map((l) =>
      l[1] === 'secretRef' ? ['SecretRef:', 'secretRef', 'localRef'] : l,
    ),
  },
  {
    ...same('glusterfs'),
    lines: same('glusterfs').lines.filter((l) => l[1] !== 'endpointsNamespace'),
  },
  {
    ...same('rbd'),
    lines: same('rbd').lines.map((l) => (l[1] === 'secretRef' ? ['SecretRef:', 'secretRef', 'localRef'] : l)),
  },
  same('quobyte'),
  {
    field: 'azureDisk',
    type: 'AzureDisk (an Azure Data Disk mount on the host and bind mount to the pod)',
    // upstream dereferences these pointers, which the API server defaults
    lines: [
      ['DiskName:', 'diskName', 'string'],
      ['DiskURI:', 'diskURI', 'string'],
      ['Kind: ', 'kind', { orElse: 'Shared' }],
      ['FSType:', 'fsType', { orElse: 'ext4' }],
      ['CachingMode:', 'cachingMode', { orElse: 'ReadWrite' }],
      readOnly,
    ],
  },
  same('vsphereVolume'),
  {
    ...same('cinder'),
    lines: same('cinder').lines.map((l) =>
      l[1] === 'secretRef' ? ['SecretRef:', 'secretRef', 'localRef'] : l,
    ),
  },
  same('photonPersistentDisk'),
  same('portworxVolume'),
  {
    ...same('scaleIO'),
    lines: same('scaleIO').lines.filter((l) => !l[1].startsWith('secretRef')),
  },
  {
    ...same('cephfs'),
    lines: same('cephfs').lines.map((l) =>
      l[1] === 'secretRef' ? ['SecretRef:', 'secretRef', 'localRef'] : l,
    ),
  },
  same('storageos'),
  same('fc'),
  {
    ...same('azureFile'),
    lines: same('azureFile').lines.filter((l) => l[1] !== 'secretNamespace'),
  },
  {
    ...same('flexVolume'),
    lines: same('flexVolume').lines.map((l) =>
      l[1] === 'secretRef' ? ['SecretRef:', 'secretRef', 'localRef'] : l,
    ),
  },
  same('flocker'),
  {
    field: 'csi',
    type: 'CSI (a Container Storage Interface (CSI) volume source)',
    lines: [['Driver:', 'driver', 'string'], fsType, readOnly],
    attributes: true,
  },
  {
    field: 'image',
    type: 'Image (a container image or OCI artifact)',
    lines: [
      ['Reference:', 'reference', 'string'],
      ['PullPolicy:', 'pullPolicy', 'string'],
    ],
  },
];

/** The block of one volume source: its type, its fields, and a CSI source's attributes. */
export function writeVolumeSource(layout: VolumeSourceLayout, source: Obj, w: PrefixWriter): void {
  w.write(
    2,
    `Type:\t${layout.type}\n${layout.lines
      .map(([label, path, kind]) => `    ${label}\t${fieldText(fieldAt(source, path), kind)}\n`)
      .join('')}`,
  );
  if (layout.attributes) printVolumeAttributes(w, source.volumeAttributes);
}
