/**
 * `kubectl expose`: a Service for a Deployment, ReplicaSet, ReplicationController, Pod or
 * Service, with the selector, ports, protocols and labels kubectl reads from the object unless
 * the flags name them.
 */
import { type ApiResource, resourcePath } from '../../kube/client/index.ts';
import { checkWriteOutput } from './create.ts';
import type { FlagSpec, Flags } from './flags.ts';
import { printFlags } from './get.ts';
import { dryRunFlag, dryRunOf, getObject, printResult, printTypedResult } from './objects.ts';
import { withOverrides } from './overrides.ts';
import { readManifests, resolveResourceArgs } from './resources.ts';
import { KubectlError, runCommand, type Session } from './session.ts';

const exposeSpecs: FlagSpec[] = [
  ...printFlags,
  dryRunFlag,
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'port', type: 'string' },
  { name: 'target-port', type: 'string' },
  { name: 'protocol', type: 'string' },
  { name: 'type', type: 'string' },
  { name: 'name', type: 'string' },
  { name: 'labels', short: 'l', type: 'string' },
  { name: 'selector', type: 'string' },
  { name: 'cluster-ip', type: 'string' },
  { name: 'external-ip', type: 'string' },
  { name: 'load-balancer-ip', type: 'string' },
  { name: 'session-affinity', type: 'string' },
  { name: 'overrides', type: 'string' },
  { name: 'override-type', type: 'string', default: 'merge' },
  { name: 'save-config', type: 'bool' },
  { name: 'field-manager', type: 'string', default: 'kubectl-expose' },
];

const exposable = new Set(['Deployment', 'ReplicaSet', 'ReplicationController', 'Pod', 'Service']);

/** `a=b,c=d` into a map (kubectl's parseLabels). */
function parseLabels(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.indexOf('=', eq + 1) >= 0 || eq === 0)
      throw new KubectlError(`error: invalid label spec: ${pair}`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

function podSpecOf(obj: Record<string, any>): Record<string, any> | undefined {
  return obj.kind === 'Pod' ? obj.spec : obj.spec?.template?.spec;
}

/** MapBasedSelectorForObject. */
function selectorOf(obj: Record<string, any>): Record<string, string> {
  if (obj.kind === 'Pod') {
    const labels = obj.metadata?.labels ?? {};
    if (Object.keys(labels).length === 0)
      throw new KubectlError(
        `error: couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be exposed`,
      );
    return labels;
  }
  if (obj.kind === 'Service') {
    const selector = obj.spec?.selector ?? {};
    if (Object.keys(selector).length === 0)
      throw new KubectlError(
        `error: couldn't retrieve selectors via --selector flag or introspection: the service has no pod selector set`,
      );
    return selector;
  }
  if (obj.kind === 'ReplicationController') return obj.spec?.selector ?? {};
  const selector = obj.spec?.selector ?? {};
  if ((selector.matchExpressions ?? []).length > 0)
    throw new KubectlError(
      `error: couldn't retrieve selectors via --selector flag or introspection: couldn't convert expressions to map-based selector format`,
    );
  return selector.matchLabels ?? {};
}

/** The object's ports with their protocols, in order (PortsForObject, MultiProtocolsForObject). */
function portsOf(obj: Record<string, any>): { port: string; protocols: string[] }[] {
  const out: { port: string; protocols: string[] }[] = [];
  const add = (port: unknown, protocol: unknown) => {
    const p = String(port);
    const proto = typeof protocol === 'string' && protocol ? protocol : 'TCP';
    const found = out.find((e) => e.port === p);
    if (!found) out.push({ port: p, protocols: [proto] });
    else if (!found.protocols.includes(proto)) found.protocols.push(proto);
  };
  if (obj.kind === 'Service') for (const p of obj.spec?.ports ?? []) add(p.port, p.protocol);
  else
    for (const c of podSpecOf(obj)?.containers ?? [])
      for (const p of c.ports ?? []) add(p.containerPort, p.protocol);
  return out;
}

function serviceFor(obj: Record<string, any>, flags: Flags): Record<string, any> {
  const selector = flags.str('selector') ? parseLabels(flags.str('selector')) : selectorOf(obj);
  const headless = flags.str('cluster-ip') === 'None';
  const found = portsOf(obj);
  let portText = flags.str('port');
  if (!portText) {
    if (found.length === 0 && !headless)
      throw new KubectlError(`error: couldn't find port via --port flag or introspection`);
    portText = found.map((p) => p.port).join(',');
  }
  const protocolFlag = flags.str('protocol');
  const ports: Record<string, any>[] = [];
  const portWords = portText ? portText.split(',') : [];
  portWords.forEach((word, i) => {
    if (!/^[+-]?\d+$/.test(word))
      throw new KubectlError(`error: strconv.Atoi: parsing "${word}": invalid syntax`);
    const port = Number(word);
    const name = portWords.length > 1 ? `port-${i + 1}` : undefined;
    let protocol = protocolFlag || 'TCP';
    if (!protocolFlag) {
      const protocols = found.find((p) => p.port === word)?.protocols ?? [];
      if (protocols.length === 1) protocol = protocols[0];
      else if (protocols.length > 1) {
        for (const proto of protocols)
          ports.push({ name: `port-${i + 1}-${proto.toLowerCase()}`, port, protocol: proto });
        return;
      }
    }
    ports.push(name ? { name, port, protocol } : { port, protocol });
  });
  const targetText = flags.str('target-port');
  for (const p of ports)
    p.targetPort = targetText ? (/^[+-]?\d+$/.test(targetText) ? Number(targetText) : targetText) : p.port;
  const labels = flags.str('labels') ? parseLabels(flags.str('labels')) : (obj.metadata?.labels ?? {});
  let name = flags.str('name') || obj.metadata?.name;
  if (name.length > 63) name = name.slice(0, 63);
  const metadata: Record<string, any> = { name };
  if (Object.keys(labels).length > 0) metadata.labels = labels;
  const spec: Record<string, any> = {};
  if (ports.length > 0) spec.ports = ports;
  spec.selector = selector;
  const clusterIP = flags.str('cluster-ip');
  if (clusterIP) spec.clusterIP = clusterIP;
  if (flags.str('external-ip')) spec.externalIPs = [flags.str('external-ip')];
  const type = flags.str('type');
  if (type) spec.type = type;
  if (type === 'LoadBalancer' && flags.str('load-balancer-ip'))
    spec.loadBalancerIP = flags.str('load-balancer-ip');
  const affinity = flags.str('session-affinity');
  if (affinity) {
    if (affinity !== 'ClientIP' && affinity !== 'None')
      throw new KubectlError(`error: unknown session affinity: ${affinity}`);
    spec.sessionAffinity = affinity;
  }
  return { apiVersion: 'v1', kind: 'Service', metadata, spec, status: { loadBalancer: {} } };
}

interface Source {
  resource: ApiResource;
  namespace?: string;
  name: string;
}

async function sourcesOf(session: Session, flags: Flags): Promise<Source[]> {
  const files = flags.list('filename');
  if (files.length > 0) {
    const out: Source[] = [];
    for (const m of readManifests(files, flags.bool('recursive'))) {
      const resource = await session.discovery.forKind(m.object.apiVersion, m.object.kind);
      out.push({
        resource,
        namespace: resource.namespaced ? (m.object.metadata?.namespace ?? session.namespace) : undefined,
        name: m.object.metadata?.name ?? '',
      });
    }
    return out;
  }
  const resolved = await resolveResourceArgs(session, flags.args);
  if (resolved.targets.length === 0 || resolved.targets.some((t) => t.name === undefined))
    throw new KubectlError(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
    );
  return resolved.targets.map((t) => ({
    resource: t.resource,
    namespace: t.resource.namespaced ? session.namespace : undefined,
    name: t.name!,
  }));
}

const serviceResource: ApiResource = {
  group: '',
  version: 'v1',
  resource: 'services',
  kind: 'Service',
  namespaced: true,
  singular: 'service',
  shortNames: ['svc'],
  categories: ['all'],
  verbs: [],
  subresources: ['status'],
};

export function runExpose(argv: string[]): Promise<void> {
  return runCommand('expose', argv, exposeSpecs, async (flags, sessionOf) => {
    if (flags.list('filename').length === 0 && flags.args.length === 0)
      throw new KubectlError(
        "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
      );
    checkWriteOutput(flags);
    const dryRun = dryRunOf(flags);
    const session = sessionOf();
    for (const source of await sourcesOf(session, flags)) {
      const obj = await getObject(session, source.resource, source.namespace, source.name);
      if (!exposable.has(source.resource.kind) || !['', 'apps', 'extensions'].includes(source.resource.group))
        throw new KubectlError(
          `error: cannot expose a ${source.resource.group ? `${source.resource.kind}.${source.resource.group}` : source.resource.kind}`,
        );
      let service = serviceFor({ ...obj, kind: source.resource.kind }, flags);
      service = await withOverrides(flags, service);
      if (dryRun === 'client') {
        if (session.namespaceExplicit)
          service = { ...service, metadata: { ...service.metadata, namespace: session.namespace } };
        await printTypedResult(flags, serviceResource, service, 'exposed', dryRun);
        continue;
      }
      const created = await session.rest.json(
        'POST',
        resourcePath(serviceResource, { namespace: source.namespace ?? session.namespace }),
        {
          body: service,
          query: {
            fieldManager: flags.str('field-manager'),
            dryRun: dryRun === 'server' ? 'All' : undefined,
          },
        },
      );
      printResult(flags, serviceResource, created, 'exposed', dryRun);
    }
    return 0;
  });
}
