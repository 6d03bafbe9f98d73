/**
 * `create service clusterip|nodeport|loadbalancer|externalname`: ports from `--tcp=port[:target]`
 * (named `port-target`), selector and labels `app: NAME`, and kubectl's checks of each.
 */
import { builtinResource, type Generator, sliceValues } from './create.ts';
import type { FlagSpec, Flags } from './flags.ts';
import { KubectlError } from './session.ts';

/** utilsnet.ParsePort with zero allowed: strconv.ParseUint's messages. */
function parsePort(text: string): number {
  if (!/^\d+$/.test(text))
    throw new KubectlError(`error: strconv.ParseUint: parsing "${text}": invalid syntax`);
  const n = Number(text);
  if (n > 65535) throw new KubectlError(`error: strconv.ParseUint: parsing "${text}": value out of range`);
  return n;
}

/** validation.IsValidPortName. */
function portNameErrors(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name))
    errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) errs.push('must contain at least one letter (a-z)');
  if (name.includes('--')) errs.push('must not contain consecutive hyphens');
  if (name.startsWith('-') || name.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

function servicePort(spec: string, nodePort: number): Record<string, any> {
  const colon = spec.indexOf(':');
  const portText = colon < 0 ? spec : spec.slice(0, colon);
  const targetText = colon < 0 ? '' : spec.slice(colon + 1);
  const port = parsePort(portText);
  let targetPort: number | string = port;
  if (targetText !== '') {
    if (/^[+-]?\d+$/.test(targetText)) {
      targetPort = Number(targetText);
      if (targetPort < 1 || targetPort > 65535)
        throw new KubectlError('error: must be between 1 and 65535, inclusive');
    } else {
      const errs = portNameErrors(targetText);
      if (errs.length > 0) throw new KubectlError(`error: ${errs.join(',')}`);
      targetPort = targetText;
    }
  }
  const out: Record<string, any> = { name: spec.replaceAll(':', '-'), port, protocol: 'TCP', targetPort };
  if (nodePort) out.nodePort = nodePort;
  return out;
}

const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function serviceGenerator(
  type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName',
  extraFlags: FlagSpec[],
  check: (flags: Flags) => void = () => {},
): Generator {
  const word = type.toLowerCase();
  return {
    command: `create service ${word}`,
    resource: builtinResource('', 'services', 'Service', true),
    failure: `failed to create ${type} service:`,
    required: type === 'ExternalName' ? ['external-name'] : undefined,
    flags: [{ name: 'tcp', type: 'stringArray' }, ...extraFlags],
    build(name, { flags }) {
      check(flags);
      const tcp = sliceValues(flags, 'tcp');
      const clusterIP = flags.str('clusterip');
      if (tcp.length === 0 && clusterIP !== 'None' && type !== 'ExternalName')
        throw new KubectlError('error: at least one tcp port specifier must be provided');
      const nodePort = flags.int('node-port');
      const ports = tcp.map((t) => servicePort(t, nodePort));
      const labels = { app: name };
      const spec: Record<string, any> = {};
      if (clusterIP) spec.clusterIP = clusterIP;
      if (type === 'ExternalName') spec.externalName = flags.str('external-name');
      if (ports.length > 0) spec.ports = ports;
      spec.selector = labels;
      spec.type = type;
      return {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { labels, name },
        spec,
        status: { loadBalancer: {} },
      };
    },
  };
}

export const serviceGenerators: Record<string, Generator> = {
  'service clusterip': serviceGenerator('ClusterIP', [{ name: 'clusterip', type: 'string' }]),
  'service nodeport': serviceGenerator('NodePort', [{ name: 'node-port', type: 'int', default: 0 }]),
  'service loadbalancer': serviceGenerator('LoadBalancer', []),
  'service externalname': serviceGenerator(
    'ExternalName',
    [{ name: 'external-name', type: 'string' }],
    (flags) => {
      const external = flags.str('external-name');
      if (external.length > 253 || !dns1123Subdomain.test(external))
        throw new KubectlError(`error: invalid service external name ${external}`);
    },
  ),
};
