/**
 * The engine: chart + values -> rendered files -> manifests in Helm's install order.
 */

export { type InstallRenderOptions, RenderError, type RenderedRelease, renderRelease } from './action.ts';
export {
  type Capabilities,
  capabilitiesObject,
  DEFAULT_API_VERSIONS,
  DEFAULT_KUBE_VERSION,
  defaultCapabilities,
  type KubeVersion,
  parseKubeVersion,
} from './capabilities.ts';
export { ChartFiles, goBytes, type YamlEncoder } from './files.ts';
export {
  type Hook,
  type HookEvent,
  INSTALL_ORDER,
  kindComparator,
  type Manifest,
  ManifestError,
  parseHead,
  sortManifests,
  splitManifests,
  UNINSTALL_ORDER,
} from './manifest.ts';
export {
  defaultRenderer,
  metadataAsMap,
  type ReleaseOptions,
  type RenderOptions,
  renderChart,
  type TemplateRenderer,
  toRenderValues,
} from './render.ts';
