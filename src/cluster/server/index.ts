// The embedded Kubernetes API server: REST over the object store, discovery,
// watch, Tables, and the `bosun up` assembly.

export { apiVersionOf, groupVersionString, qualifiedResource, ResourceCatalog } from './catalog.ts';
export {
  type ControlPlane,
  type ControlPlaneOptions,
  defaultCatalog,
  kubernetesVersion,
  startControlPlane,
} from './control-plane.ts';
export { CustomResources, establishingCrdStrategy } from './crds.ts';
export type {
  ApplyOptions,
  FieldSelector,
  FieldValidationMode,
  FieldValidationResult,
  ManagedFieldsOptions,
  Matcher,
  OpenApi,
  Patcher,
  ProtobufCodec,
  Selectors,
} from './deps.ts';
export { ApplyConflictError, PatchError, SelectorError } from './deps.ts';
export { ApiServer, type ApiServerOptions, type VersionInfo } from './http.ts';
export { contextName, kubeconfigYaml, mergeKubeconfig, writeKubeconfig } from './kubeconfig.ts';
export { ApiError, type StatusObject } from './status.ts';
export { kubePatcher, kubeSelectors, openapiOf, registryProtobuf } from './wiring.ts';
