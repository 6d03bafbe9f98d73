/**
 * Chart dependencies on disk: `helm dependency list`, and `build` / `update` for file://
 * repositories (Chart.lock, its digest, charts/ population). Chart repositories are refused with
 * a clear error until the repository work lands.
 */

export { dependencyStatus, formatTable, listDependencies } from './list.ts';
export { declaresDependencies, Manager, type ManagerOptions, writeLock } from './manager.ts';
export {
  getLocalPath,
  hashReq,
  hashV2Req,
  isRemote,
  RemoteRepositoryError,
  resolveDependencies,
} from './resolve.ts';
