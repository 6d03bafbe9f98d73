/**
 * Releases: the record and its storage (Secret, ConfigMap, memory), and the actions on them
 * (install, uninstall, list, status, get, history).
 */
import { RestClient } from '../kube/client/index.ts';
import { type Configuration, configuration } from './configuration.ts';
import { ResourceClient } from './resources.ts';
import type { Driver } from './storage/driver.ts';
import { MemoryDriver } from './storage/memory.ts';
import { ConfigMapsDriver, SecretsDriver } from './storage/objects.ts';
import { Storage } from './storage/storage.ts';

export { type DryRun, Install, InstallError, type InstallOptions } from './actions/install.ts';
export {
  type ListOptions,
  listReleases,
  releaseContent,
  releaseHistory,
  releaseResources,
  releaseValues,
} from './actions/query.ts';
export { Uninstall, type UninstallOptions, type UninstallResult } from './actions/uninstall.ts';
export { type Configuration, configuration, validateReleaseName } from './configuration.ts';
export {
  appVersion,
  chartMetadata,
  chartName,
  decodeRelease,
  dependenciesJson,
  encodeRelease,
  type HookRecord,
  isPending,
  type Release,
  releaseJson,
  type Status,
} from './record.ts';
export { ResourceClient } from './resources.ts';
export {
  type Driver,
  NoDeployedReleasesError,
  ReleaseExistsError,
  ReleaseNotFoundError,
  releaseKey,
} from './storage/driver.ts';
export { MemoryDriver } from './storage/memory.ts';
export { ConfigMapsDriver, SecretsDriver } from './storage/objects.ts';
export { Storage } from './storage/storage.ts';
export { epochMillis, formatAnsic, formatGoLayout, formatGoString, nowRfc3339 } from './time.ts';
export { objectStatus, type WaitStrategy } from './wait.ts';

/** HELM_DRIVER's names; `sql` is Helm's too but not served by bosun. */
export function driverFor(name: string, rest: RestClient | undefined, namespace: string): Driver {
  switch (name) {
    case '':
    case 'secret':
    case 'secrets':
      return new SecretsDriver(rest!, namespace);
    case 'configmap':
    case 'configmaps':
      return new ConfigMapsDriver(rest!, namespace);
    case 'memory':
      return new MemoryDriver(namespace);
    case 'sql':
      throw new Error('unable to instantiate SQL driver: the SQL driver is not supported by bosun yet');
    default:
      throw new Error(`unknown driver ${JSON.stringify(name)}`);
  }
}

/**
 * Helm's Configuration.Init against one cluster: records through HELM_DRIVER's driver in
 * `namespace` ('' for every namespace), objects through a client defaulting to `namespace`.
 */
export function openConfiguration(
  rest: RestClient,
  namespace: string,
  driverName: string,
  recordNamespace = namespace,
  warn?: (m: string) => void,
): Configuration {
  return configuration(
    new Storage(driverFor(driverName, rest, recordNamespace)),
    new ResourceClient(rest, namespace),
    warn,
  );
}

export { RestClient };
