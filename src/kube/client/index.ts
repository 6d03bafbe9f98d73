/** The client side of the Kubernetes API: kubeconfig, REST, discovery and resolution, OpenAPI type facts. */
export {
  type ApiResource,
  apiVersionOf,
  Discovery,
  groupKindLower,
  groupResource,
  KindNotFoundError,
  ResourceNotFoundError,
  resourcePath,
} from './discovery.ts';
export {
  type ClientConfig,
  KubeconfigError,
  type KubeconfigOverrides,
  loadClientConfig,
} from './kubeconfig.ts';
export { OpenApiSchemas } from './openapi.ts';
export {
  type ApiStatus,
  ApiStatusError,
  ConnectionError,
  type Reply,
  type RequestOptions,
  RestClient,
  statusFromReply,
  userAgent,
  type WatchEvent,
} from './rest.ts';
export {
  type DiscoveredGroup,
  type GroupVersionKind,
  type GroupVersionResource,
  guessResourceNames,
  RestMapper,
  type WarningHandler,
} from './restmapper.ts';
