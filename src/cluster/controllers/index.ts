// The control loops of the embedded cluster (workloads, garbage collection,
// services, volumes) over in-process informers, writing through the
// ApiClient (the same API path as external clients), with Events for what
// they do.

export {
  type ApiClient,
  ApiClientError,
  type ClientDeleteOptions,
  type ClientList,
  type ClientListOptions,
  type ClientWatch,
  type ClientWatchEvent,
  controllerRevisionsResource,
  daemonSetsResource,
  deploymentsResource,
  eventsResource,
  isAlreadyExists,
  isConflict,
  isNotFound,
  type KubeObject,
  nodesResource,
  type PatchType,
  persistentVolumeClaimsResource,
  podsResource,
  type Resource,
  replicaSetsResource,
  statefulSetsResource,
} from './client.ts';
export type { Controller, ControllerContext } from './context.ts';
export { CronJobController, cronJobsResource } from './cronjob/controller.ts';
export { type CronSchedule, parseSchedule } from './cronjob/schedule.ts';
export { DaemonSetController } from './daemonset/controller.ts';
export * as daemonSetRollout from './daemonset/update.ts';
export { DeploymentController, equalIgnoreHash, findNewReplicaSet } from './deployment/controller.ts';
export { computeTemplateHash } from './deployment/hash.ts';
export * as rollout from './deployment/util.ts';
export { semanticEqual } from './equality.ts';
export { EventRecorder, type EventSource, microTimeString, timeString } from './events.ts';
export { GarbageCollector } from './garbagecollector/controller.ts';
export { builtinTrackedResources, type TrackedResource } from './garbagecollector/resources.ts';
export { cleanupHistory, constructHistory, controllerRevisionHashLabel, templatePatch } from './history.ts';
export { Informer, InformerFactory, type InformerHandlers, objectKeyOf, splitKey } from './informer.ts';
export { JobController, jobsResource } from './job/controller.ts';
export { ControllerManager, type ControllerManagerOptions } from './manager.ts';
export { controllerRefOf, newControllerRef, type OwnerReference } from './owner.ts';
export { deleteBefore, isPodActive, isPodAvailable, isPodReady, podsToDelete } from './pods.ts';
export { WorkQueue } from './queue.ts';
export { ReplicaSetController } from './replicaset/controller.ts';
export { podFitsNode } from './scheduling.ts';
export { EndpointsController, endpointSlicesResource, endpointsResource } from './service/endpoints.ts';
export { LoadBalancerController, servicesResource } from './service/loadbalancer.ts';
export { StatefulSetController } from './statefulset/controller.ts';
export { bindingMessages, PersistentVolumeController } from './volume/binder.ts';
export { VolumeProtectionController } from './volume/protection.ts';
export { LocalPathProvisioner, localPathVolume } from './volume/provisioner.ts';
export { SelectedNodeController } from './volume/selected-node.ts';
export {
  annotations as volumeAnnotations,
  defaultClassOf,
  defaultStorageClass,
  defaultStorageClassName,
  localPathProvisioner,
  persistentVolumesResource,
  pvcProtectionFinalizer,
  pvProtectionFinalizer,
  storageClassesResource,
} from './volume/storage.ts';
