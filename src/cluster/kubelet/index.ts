// Simulated nodes and pod lifecycle: a scheduler, and a kubelet that walks
// pods through data-described stages (ContainerCreating, Running, Ready,
// ErrImagePull/ImagePullBackOff, CrashLoopBackOff, Terminating) on the clock.

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
