/**
 * `create ingress`: rules `host/path=service:port[,tls[=secret]]` (a trailing `*` on the path
 * makes it a Prefix match; rules of one host share an entry), TLS entries grouped by secret,
 * `--default-backend`, `--class` and `--annotation`.
 */
import { builtinResource, type Generator } from './create.ts';
import { KubectlError } from './session.ts';

const rulePattern =
  /^(?<host>[\w*\-.]*)(?<path>\/[^=]*)=(?<service>[\w\-.]+):(?<port>[\w-]+)(?<tls>,tls(?:=(?<secret>[\w\-.]*))?)?$/;
const backendPattern = /^(?<service>[\w\-.]+):(?<port>[\w-]+)$/;

function backendOf(service: string, port: string): Record<string, any> {
  return { service: { name: service, port: /^\d+$/.test(port) ? { number: Number(port) } : { name: port } } };
}

const ingressGenerator: Generator = {
  command: 'create ingress',
  resource: { ...builtinResource('networking.k8s.io', 'ingresses', 'Ingress', true) },
  failure: 'failed to create ingress:',
  flags: [
    { name: 'rule', type: 'stringArray' },
    { name: 'class', type: 'string' },
    { name: 'default-backend', type: 'string' },
    { name: 'annotation', type: 'stringArray' },
  ],
  build(name, { flags }) {
    const rules = flags.list('rule');
    const defaultBackend = flags.str('default-backend');
    if (rules.length === 0 && !defaultBackend)
      throw new KubectlError(
        'error: not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)',
      );
    const annotations: Record<string, string> = {};
    for (const a of flags.list('annotation')) {
      const eq = a.indexOf('=');
      if (eq <= 0)
        throw new KubectlError(`error: annotation ${a} is invalid and should be in format key=[value]`);
      annotations[a.slice(0, eq)] = a.slice(eq + 1);
    }
    let backend: Record<string, any> | undefined;
    if (defaultBackend) {
      const m = backendPattern.exec(defaultBackend);
      if (!m) throw new KubectlError('error: default-backend should be in format servicename:serviceport');
      backend = backendOf(m.groups!.service, m.groups!.port);
    }
    const byHost = new Map<string, Record<string, any>[]>();
    const tls: { hosts: string[]; secretName: string }[] = [];
    const tlsHosts = new Set<string>();
    for (const rule of rules) {
      const m = rulePattern.exec(rule);
      if (!m)
        throw new KubectlError(
          `error: rule ${rule} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`,
        );
      const g = m.groups!;
      const prefix = g.path.endsWith('*');
      const path = {
        backend: backendOf(g.service, g.port),
        path: prefix ? g.path.slice(0, -1) : g.path,
        pathType: prefix ? 'Prefix' : 'Exact',
      };
      const paths = byHost.get(g.host) ?? [];
      paths.push(path);
      byHost.set(g.host, paths);
      // the first TLS mention of a host counts; hosts sharing a secret share an entry
      if (g.tls && g.host && !tlsHosts.has(g.host)) {
        tlsHosts.add(g.host);
        const secret = g.secret ?? '';
        const entry = tls.find((t) => t.secretName === secret);
        if (entry) entry.hosts.push(g.host);
        else tls.push({ hosts: [g.host], secretName: secret });
      }
    }
    const spec: Record<string, any> = {};
    if (flags.str('class')) spec.ingressClassName = flags.str('class');
    if (backend) spec.defaultBackend = backend;
    if (tls.length > 0) spec.tls = tls.map((t) => (t.secretName ? t : { hosts: t.hosts }));
    if (byHost.size > 0)
      spec.rules = [...byHost].map(([host, paths]) =>
        host ? { host, http: { paths } } : { http: { paths } },
      );
    const metadata: Record<string, any> = { name };
    if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
    return {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata,
      spec,
      status: { loadBalancer: {} },
    };
  },
};

export const ingressGenerators: Record<string, Generator> = { ingress: ingressGenerator };
