/**
 * The deprecated-API rule: a kind client-go's scheme knows whose API version is deprecated in
 * the target Kubernetes version, worded as k8s.io/apiserver's deprecation.WarningMessage.
 */
import { DEPRECATED_APIS, type DeprecatedApi } from './deprecated-apis.ts';

let byKey: Map<string, DeprecatedApi> | undefined;

function lookup(apiVersion: string, kind: string): DeprecatedApi | undefined {
  byKey ??= new Map(DEPRECATED_APIS.map((d) => [`${d[0]} ${d[1]}`, d]));
  return byKey.get(`${apiVersion} ${kind}`);
}

/** `group/version` as schema.ParseGroupVersion normalises it ("v1" stays core). */
function normalizeApiVersion(apiVersion: string): string {
  const parts = apiVersion.split('/');
  if (parts.length === 2 && parts[0] === '') return parts[1]!;
  return apiVersion;
}

/** validateNoDeprecations: the warning for this object, or undefined. */
export function deprecationProblem(
  apiVersion: string,
  kind: string,
  kubeMajor: number,
  kubeMinor: number,
): string | undefined {
  if (apiVersion === '' || kind === '') return undefined;
  const gv = normalizeApiVersion(apiVersion);
  const d = lookup(gv, kind);
  if (!d) return undefined;
  const [, , depMajor, depMinor, remMajor, remMinor, replacement] = d;
  if (kubeMajor !== 0 || kubeMinor !== 0) {
    if (depMajor > kubeMajor) return undefined;
    if (depMajor === kubeMajor && depMinor > kubeMinor) return undefined;
  }
  let msg = `${gv} ${kind} is deprecated in v${depMajor}.${depMinor}+`;
  if (remMajor !== 0 || remMinor !== 0) msg += `, unavailable in v${remMajor}.${remMinor}+`;
  if (replacement !== '') msg += `; use ${replacement}`;
  return msg;
}
