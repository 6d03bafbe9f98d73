// Simulated nodes and pod lifecycle: a scheduler, and a kubelet that walks
// pods through data-described stages (volumes, init containers and sidecars,
// ContainerCreating, Running, probes, Ready, ErrImagePull/ImagePullBackOff,
// CrashLoopBackOff, completion, Terminating) on the clock.

export { Kubelet, type KubeletOptions } from './kubelet.ts';
export { nodeNames } from './nodes.ts';
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
