// The simulated nodes: Node objects as a kubelet registers them (Ready
// condition, capacity, addresses on loopback, node info), one pod CIDR each,
// and the node Lease in kube-node-lease the kubelet renews as its heartbeat.

import { randomUUID } from 'node:crypto';
import type { KubeObject } from '../controllers/index.ts';
import { timeString } from '../controllers/index.ts';

/** The machine's identity as the kubelet reads it (/etc/machine-id, the DMI product UUID, the boot ID). */
export interface NodeIds {
  machineID: string;
  systemUUID: string;
  bootID: string;
}

export interface NodeSpecOptions {
  name: string;
  /** 0-based position: the node's address is 127.0.0.(index+1) and its pod CIDR 10.42.<index>.0/24. */
  index: number;
  kubeletVersion: string;
  ids: NodeIds;
}

/** The kubelet renews its Lease this often (NodeLease's renewInterval: a quarter of the duration). */
export const leaseRenewMs = 10_000;
export const leaseDurationSeconds = 40;
/** Without a change, the kubelet posts node status (new heartbeat times) this often (nodeStatusReportFrequency). */
export const statusReportMs = 5 * 60_000;

/** A new machine: a machine-id (32 hex digits) and two UUIDs. */
export function newNodeIds(): NodeIds {
  return { machineID: randomUUID().replaceAll('-', ''), systemUUID: randomUUID(), bootID: randomUUID() };
}

/** The identity a node registered with before (a restart keeps it), or a new one. */
export function nodeIdsOf(node: KubeObject | undefined): NodeIds {
  const info = node?.status?.nodeInfo;
  if (info?.machineID && info.systemUUID && info.bootID)
    return { machineID: info.machineID, systemUUID: info.systemUUID, bootID: info.bootID };
  return newNodeIds();
}

/** metav1.MicroTime as it marshals: RFC 3339 with six fractional digits. */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** The node's Lease in kube-node-lease, owned by the Node so it goes with it. */
export function nodeLease(node: KubeObject, nowMs: number): KubeObject {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name: node.metadata?.name,
      namespace: 'kube-node-lease',
      ownerReferences: [
        { apiVersion: 'v1', kind: 'Node', name: node.metadata?.name, uid: node.metadata?.uid },
      ],
    },
    spec: {
      holderIdentity: node.metadata?.name,
      leaseDurationSeconds,
      renewTime: microTime(nowMs),
    },
  };
}

/** Node names: `bosun` for a one-node cluster, else bosun, bosun-m02, bosun-m03... (minikube's scheme). */
export function nodeNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    i === 0 ? 'bosun' : `bosun-m${String(i + 1).padStart(2, '0')}`,
  );
}

export function nodeAddress(index: number): string {
  return `127.0.0.${index + 1}`;
}

export function podCidr(index: number): string {
  return `10.42.${index}.0/24`;
}

export function nodeObject(o: NodeSpecOptions): KubeObject {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': o.name,
    'kubernetes.io/os': 'linux',
  };
  if (o.index === 0) labels['node-role.kubernetes.io/control-plane'] = '';
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: o.name,
      labels,
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: { podCIDR: podCidr(o.index), podCIDRs: [podCidr(o.index)] },
  };
}

/**
 * The status the kubelet posts at `nowMs`. Conditions that did not change since `previous`
 * keep their lastTransitionTime; every post renews lastHeartbeatTime.
 */
export function nodeStatus(o: NodeSpecOptions, nowMs: number, previous?: KubeObject): KubeObject {
  const now = timeString(nowMs);
  const before = new Map<string, KubeObject>(
    ((previous?.conditions ?? []) as KubeObject[]).map((c) => [c.type, c]),
  );
  const resources = {
    cpu: '8',
    'ephemeral-storage': '102626232Ki',
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: '16336852Ki',
    pods: '110',
  };
  const condition = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: now,
    lastTransitionTime:
      before.get(type)?.status === status ? (before.get(type)?.lastTransitionTime ?? now) : now,
    reason,
    message,
  });
  return {
    capacity: resources,
    allocatable: resources,
    conditions: [
      condition(
        'MemoryPressure',
        'False',
        'KubeletHasSufficientMemory',
        'kubelet has sufficient memory available',
      ),
      condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
      condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
      condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
    ],
    addresses: [
      { type: 'InternalIP', address: nodeAddress(o.index) },
      { type: 'Hostname', address: o.name },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      machineID: o.ids.machineID,
      systemUUID: o.ids.systemUUID,
      bootID: o.ids.bootID,
      kernelVersion: '6.8.0',
      osImage: 'bosun simulated node',
      containerRuntimeVersion: 'containerd://2.1.0',
      kubeletVersion: o.kubeletVersion,
      kubeProxyVersion: '',
      operatingSystem: 'linux',
      architecture: 'amd64',
    },
    images: [],
  };
}
