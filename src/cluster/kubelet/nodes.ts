// The simulated nodes: Node objects as a kubelet registers them (Ready
// condition, capacity, addresses on loopback, node info), one pod CIDR each.

import type { KubeObject } from '../controllers/index.ts';
import { timeString } from '../controllers/index.ts';

export interface NodeSpecOptions {
  name: string;
  /** 0-based position: the node's address is 127.0.0.(index+1) and its pod CIDR 10.42.<index>.0/24. */
  index: number;
  kubeletVersion: string;
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

export function nodeStatus(o: NodeSpecOptions, nowMs: number): KubeObject {
  const now = timeString(nowMs);
  const resources = {
    cpu: '8',
    'ephemeral-storage': '102626232Ki',
    'hugepages-2Mi': '0',
    memory: '16336852Ki',
    pods: '110',
  };
  const condition = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: now,
    lastTransitionTime: now,
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
      machineID: '',
      systemUUID: '',
      bootID: '',
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
