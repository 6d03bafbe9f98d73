/**
 * `kubectl run NAME --image=IMAGE [-- args...]`: one Pod as kubectl's pod generator builds it
 * (label `run: NAME` unless `--labels`, args or `--command`, port, env, restart policy), and with
 * `--expose --port` a Service for it first. Attaching (`-i`, `-t`, `--attach`, `--rm`) needs a
 * container runtime, which the simulated kubelet does not have.
 */
import { type ApiResource, resourcePath } from '../../kube/client/index.ts';
import { parseOutputFormat } from '../../kube/printers/index.ts';
import { checkWriteOutput, fieldValidation } from './create.ts';
import type { FlagSpec, Flags } from './flags.ts';
import { printFlags } from './get.ts';
import { type DryRun, dryRunFlag, dryRunOf, printResult, printTypedResult } from './objects.ts';
import { withOverrides } from './overrides.ts';
import { KubectlError, runCommand, type Session } from './session.ts';

const runSpecs: FlagSpec[] = [
  ...printFlags,
  dryRunFlag,
  { name: 'image', type: 'string' },
  { name: 'image-pull-policy', type: 'string' },
  { name: 'port', type: 'string' },
  { name: 'labels', short: 'l', type: 'string' },
  { name: 'annotations', type: 'stringArray' },
  { name: 'env', type: 'stringArray' },
  { name: 'restart', type: 'string', default: 'Always' },
  { name: 'command', type: 'bool' },
  { name: 'expose', type: 'bool' },
  { name: 'privileged', type: 'bool' },
  { name: 'overrides', type: 'string' },
  { name: 'override-type', type: 'string', default: 'merge' },
  { name: 'save-config', type: 'bool' },
  { name: 'field-manager', type: 'string', default: 'kubectl-run' },
  { name: 'attach', type: 'bool' },
  { name: 'stdin', short: 'i', type: 'bool' },
  { name: 'tty', short: 't', type: 'bool' },
  { name: 'rm', type: 'bool' },
  { name: 'leave-stdin-open', type: 'bool' },
  { name: 'quiet', short: 'q', type: 'bool' },
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'force', type: 'bool' },
  { name: 'grace-period', type: 'int', default: -1 },
  { name: 'cascade', type: 'string', default: 'background' },
  { name: 'timeout', type: 'string', default: '0s' },
  { name: 'wait', type: 'bool' },
  { name: 'pod-running-timeout', type: 'string', default: '1m0s' },
];

const usage = "\nSee 'kubectl run -h' for help and examples";

const builtin = (resource: string, kind: string): ApiResource => ({
  group: '',
  version: 'v1',
  resource,
  kind,
  namespaced: true,
  singular: kind.toLowerCase(),
  shortNames: [],
  categories: [],
  verbs: [],
  subresources: [],
});
const podResource = builtin('pods', 'Pod');
const serviceResource = builtin('services', 'Service');

function parseLabels(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0 || pair.indexOf('=', eq + 1) >= 0)
      throw new KubectlError(`error: unexpected label spec: ${pair}`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

function podFor(name: string, flags: Flags, args: string[]): Record<string, any> {
  const labels = flags.str('labels') ? parseLabels(flags.str('labels')) : { run: name };
  const container: Record<string, any> = { image: flags.str('image'), name, resources: {} };
  if (args.length > 0) container[flags.bool('command') ? 'command' : 'args'] = args;
  const port = flags.str('port');
  if (port) {
    if (!/^[+-]?\d+$/.test(port))
      throw new KubectlError(`error: strconv.Atoi: parsing "${port}": invalid syntax`);
    container.ports = [{ containerPort: Number(port) }];
  }
  const env = flags.list('env').map((e) => {
    const eq = e.indexOf('=');
    if (eq <= 0) throw new KubectlError(`error: invalid env: ${e}`);
    return { name: e.slice(0, eq), value: e.slice(eq + 1) };
  });
  if (env.length > 0) container.env = env;
  if (flags.str('image-pull-policy')) container.imagePullPolicy = flags.str('image-pull-policy');
  if (flags.bool('privileged')) container.securityContext = { privileged: true };
  const metadata: Record<string, any> = { labels, name };
  const annotations: Record<string, string> = {};
  for (const a of flags.list('annotations')) {
    const eq = a.indexOf('=');
    if (eq <= 0) throw new KubectlError(`error: invalid annotation spec: ${a}`);
    annotations[a.slice(0, eq)] = a.slice(eq + 1);
  }
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata,
    spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: flags.str('restart') },
    status: {},
  };
}

/** The Service `--expose` creates: the pod's port, selecting the pod's labels. */
function serviceFor(pod: Record<string, any>): Record<string, any> {
  const port = pod.spec.containers[0].ports[0].containerPort;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: pod.metadata.name },
    spec: { ports: [{ port, protocol: 'TCP', targetPort: port }], selector: pod.metadata.labels },
    status: { loadBalancer: {} },
  };
}

async function send(
  session: Session,
  flags: Flags,
  resource: ApiResource,
  object: Record<string, any>,
  dryRun: DryRun,
): Promise<void> {
  if (session.namespaceExplicit)
    object = { ...object, metadata: { ...object.metadata, namespace: session.namespace } };
  object = await withOverrides(flags, object);
  if (dryRun === 'client') {
    await printTypedResult(flags, resource, object, 'created', dryRun);
    return;
  }
  const created = await session.rest.json('POST', resourcePath(resource, { namespace: session.namespace }), {
    body: object,
    query: {
      fieldManager: flags.str('field-manager'),
      fieldValidation: fieldValidation(flags),
      dryRun: dryRun === 'server' ? 'All' : undefined,
    },
  });
  printResult(flags, resource, created, 'created', dryRun);
}

export function runRun(argv: string[]): Promise<void> {
  return runCommand('run', argv, runSpecs, async (flags, sessionOf) => {
    if (!flags.str('image')) throw new KubectlError('error: required flag(s) "image" not set');
    const [name, ...args] = flags.args;
    if (!name) throw new KubectlError(`error: NAME is required for run${usage}`);
    checkWriteOutput(flags);
    const output = flags.str('output');
    const restart = flags.str('restart');
    if (!['Always', 'OnFailure', 'Never'].includes(restart))
      throw new KubectlError(`error: invalid restart policy: ${restart}${usage}`);
    const pullPolicy = flags.str('image-pull-policy');
    if (pullPolicy && !['Always', 'IfNotPresent', 'Never'].includes(pullPolicy))
      throw new KubectlError(`error: invalid image pull policy: ${pullPolicy}${usage}`);
    if (flags.bool('expose') && !flags.str('port'))
      throw new KubectlError(`error: --port must be set when exposing a service${usage}`);
    if (flags.bool('attach') || flags.bool('stdin') || flags.bool('tty') || flags.bool('rm'))
      throw new KubectlError(
        'error: bosun kubectl run cannot attach to a container: the simulated kubelet runs no processes',
      );
    const dryRun = dryRunOf(flags);
    const session = sessionOf();
    const pod = podFor(name, flags, args);
    if (flags.bool('expose')) {
      await send(session, flags, serviceResource, serviceFor(pod), dryRun);
      // kubectl's YAML printer separates the two objects, and its second printer adds its own
      if (output && parseOutputFormat(output).kind === 'yaml') process.stdout.write('---\n---\n');
    }
    await send(session, flags, podResource, pod, dryRun);
    return 0;
  });
}
