/**
 * The cluster's capabilities as Helm reads them for rendering against a server: its version
 * from /version and every group/version and group/version/Kind discovery serves.
 */
import type { Capabilities } from '../engine/index.ts';
import { parseKubeVersion } from '../engine/index.ts';
import { Discovery, type RestClient } from '../kube/client/index.ts';

export async function clusterCapabilities(rest: RestClient): Promise<Capabilities> {
  const version = await rest.json('GET', '/version');
  const kube = parseKubeVersion(String(version.gitVersion ?? 'v0.0.0'));
  if (version.major) kube.major = String(version.major);
  if (version.minor) kube.minor = String(version.minor);
  const apiVersions: string[] = [];
  for (const g of await new Discovery(rest).groups())
    for (const v of g.versions) {
      const gv = g.name ? `${g.name}/${v.version}` : v.version;
      apiVersions.push(gv);
      for (const r of v.resources) if (!r.resource.includes('/')) apiVersions.push(`${gv}/${r.kind}`);
    }
  return { kubeVersion: kube, apiVersions };
}
