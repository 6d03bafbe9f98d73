// Simulated nodes and pod lifecycle: a scheduler, and a kubelet that walks
// pods through data-described stages (volumes, init containers and sidecars,
// ContainerCreating, Running, probes, Ready, ErrImagePull/ImagePullBackOff,
// CrashLoopBackOff, completion, Terminating) on the clock.

export { filterNode, fitErrorMessage } from './filters.ts';
export { Kubelet, type KubeletOptions } from './kubelet.ts';
export { NodeLifecycleController, unschedulableTaintKey } from './node-lifecycle.ts';
export { leaseDurationSeconds, leaseRenewMs, microTime, nodeNames, statusReportMs } from './nodes.ts';
export {
  annotations as podAnnotations,
  backOffMs,
  type FailurePatterns,
  imageMatches,
  normalizeImage,
} from './profile.ts';
export { Scheduler } from './scheduler.ts';
export { type ContainerStage, type ContainerState, containerStages } from './stages.ts';
export { podPhase } from './status.ts';
export { TaintEvictionController } from './taint-eviction.ts';
