/**
 * `kubectl autoscale`: an autoscaling/v2 HorizontalPodAutoscaler for each object named (by
 * argument or `-f`) whose resource has a scale subresource, with the CPU and memory targets of
 * `--cpu`/`--memory` (`70%` utilisation or a quantity; bare numbers in m / Mi) or the deprecated
 * `--cpu-percent`. Like kubectl, a failed v2 create falls back to autoscaling/v1 when the targets
 * allow it. kubectl builds the object as a Go struct, so its zero values (`status.desiredReplicas:
 * 0`, `currentMetrics: null`) appear in what it prints and sends.
 */
import {
  type ApiResource,
  ApiStatusError,
  apiVersionOf,
  RestClient,
  resourcePath,
} from '../../kube/client/index.ts';
import { canonicalQuantity } from '../../kube/index.ts';
import type { FlagSpec, Flags } from './flags.ts';
import { printFlags } from './get.ts';
import { type DryRun, dryRunFlag, dryRunOf, printTypedResult } from './objects.ts';
import { locate, readManifests, resolveResourceArgs } from './resources.ts';
import { KubectlError, runCommand, type Session } from './session.ts';

type Obj = Record<string, any>;

const autoscaleFlags: FlagSpec[] = [
  ...printFlags,
  dryRunFlag,
  { name: 'min', type: 'int', default: -1 },
  { name: 'max', type: 'int', default: -1 },
  { name: 'cpu-percent', type: 'int', default: -1 },
  { name: 'cpu', type: 'string' },
  { name: 'memory', type: 'string' },
  { name: 'name', type: 'string' },
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'save-config', type: 'bool' },
  { name: 'record', type: 'bool' },
  { name: 'field-manager', type: 'string', default: 'kubectl-autoscale' },
];

const deprecations: Record<string, string> = {
  'cpu-percent':
    "Use --cpu with percentage or resource quantity format (e.g., '70%' for utilization or '500m' for milliCPU).",
  record: '--record will be removed in the future',
};

/** Go's %g of a float64 (shortest digits; exponent form from 1e6 or below 1e-4). */
function goG(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mantissa, exp] = x.toExponential().split('e');
  const e = Number(exp);
  if (e < -4 || e >= 6) return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return String(x);
}

interface Target {
  type: 'Utilization' | 'AverageValue';
  averageUtilization?: number;
  averageValue?: string;
}

/** parseResourceInput: `70%`, a bare number (m for cpu, Mi for memory) or a quantity. */
function parseTarget(input: string, resource: 'cpu' | 'memory'): Target {
  const text = input.trim();
  if (text === '') throw new Error('empty input');
  if (text.endsWith('%')) {
    const n = text.slice(0, -1);
    const v = /^[+-]?\d+$/.test(n) ? Number(n) : Number.NaN;
    if (!Number.isInteger(v) || v < 0 || v > 2 ** 31 - 1) throw new Error(`invalid percentage value: ${n}`);
    return { type: 'Utilization', averageUtilization: v };
  }
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) {
    const withUnit = `${goG(Number(text))}${resource === 'cpu' ? 'm' : 'Mi'}`;
    return { type: 'AverageValue', averageValue: canonicalQuantity(withUnit) };
  }
  try {
    return { type: 'AverageValue', averageValue: canonicalQuantity(text) };
  } catch {
    throw new Error(`invalid resource ${resource} value: ${text}`);
  }
}

function metric(name: 'cpu' | 'memory', target: Target): Obj {
  return { type: 'Resource', resource: { name, target } };
}

interface Options {
  name: string;
  min: number;
  max: number;
  cpuPercent: number;
  cpu: string;
  memory: string;
}

function hpaV2(o: Options, target: string, mapping: ApiResource, namespace?: string): Obj {
  const metadata: Obj = { name: o.name || target };
  if (namespace) metadata.namespace = namespace;
  const spec: Obj = {
    scaleTargetRef: { kind: mapping.kind, name: target, apiVersion: apiVersionOf(mapping) },
  };
  if (o.min > 0) spec.minReplicas = o.min;
  spec.maxReplicas = o.max;
  const metrics: Obj[] = [];
  if (o.cpuPercent > 0)
    metrics.push(metric('cpu', { type: 'Utilization', averageUtilization: o.cpuPercent }));
  if (o.cpu) metrics.push(metric('cpu', parseTarget(o.cpu, 'cpu')));
  if (o.memory) metrics.push(metric('memory', parseTarget(o.memory, 'memory')));
  if (metrics.length > 0) spec.metrics = metrics;
  return {
    kind: 'HorizontalPodAutoscaler',
    apiVersion: 'autoscaling/v2',
    metadata,
    spec,
    status: { desiredReplicas: 0, currentMetrics: null },
  };
}

function hpaV1(o: Options, target: string, mapping: ApiResource, namespace?: string): Obj {
  const metadata: Obj = { name: o.name || target };
  if (namespace) metadata.namespace = namespace;
  const spec: Obj = {
    scaleTargetRef: { kind: mapping.kind, name: target, apiVersion: apiVersionOf(mapping) },
  };
  if (o.min > 0) spec.minReplicas = o.min;
  spec.maxReplicas = o.max;
  if (o.cpuPercent >= 0) spec.targetCPUUtilizationPercentage = o.cpuPercent;
  return {
    kind: 'HorizontalPodAutoscaler',
    apiVersion: 'autoscaling/v1',
    metadata,
    spec,
    status: { currentReplicas: 0, desiredReplicas: 0 },
  };
}

/** canCreateHPAV1: [ok, the error to report]; `null` prints as Go's `%!w(<nil>)`. */
function v1Compatible(o: Options): [boolean, string | null] {
  let target: Target;
  try {
    target = parseTarget(o.cpu, 'cpu');
  } catch (e) {
    return [false, (e as Error).message];
  }
  return [(o.cpuPercent >= 0 && o.memory === '') || (o.memory === '' && target.type === 'Utilization'), null];
}

/** pflag's Value.String() of a flag as --record writes it into the change-cause. */
function flagText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.join(',')}]`;
  return String(value);
}

/** The change-cause --record writes: the command, its arguments, then each flag set (globals first). */
function changeCause(flags: Flags, args: string[], globals: Set<string>): string {
  const names = [...flags.parsed.changed];
  const ordered = [...names.filter((n) => globals.has(n)), ...names.filter((n) => !globals.has(n))];
  const parts = ['kubectl', 'autoscale', ...args];
  for (const n of ordered) parts.push(`--${n}=${flagText(flags.parsed.values.get(n))}`);
  return parts.join(' ');
}

/** createOrUpdateAnnotation: the object's own JSON (struct order) as its last-applied configuration. */
function withLastAppliedTyped(obj: Obj): Obj {
  const config = `${JSON.stringify(obj)}\n`;
  return {
    ...obj,
    metadata: {
      ...obj.metadata,
      annotations: {
        ...obj.metadata.annotations,
        'kubectl.kubernetes.io/last-applied-configuration': config,
      },
    },
  };
}

/** The HPA as the typed client decodes the server's answer: status zero values present. */
function typedAnswer(obj: Obj): Obj {
  const status = obj.status ?? {};
  if (obj.apiVersion === 'autoscaling/v1')
    return {
      ...obj,
      status: {
        ...status,
        currentReplicas: status.currentReplicas ?? 0,
        desiredReplicas: status.desiredReplicas ?? 0,
      },
    };
  return {
    ...obj,
    status: {
      ...status,
      desiredReplicas: status.desiredReplicas ?? 0,
      currentMetrics: status.currentMetrics ?? null,
    },
  };
}

interface HpaWrite {
  session: Session;
  flags: Flags;
  dryRun: DryRun;
  namespace: string;
  record?: string;
}

async function handleHpa(w: HpaWrite, hpa: Obj): Promise<void> {
  const hpaResource = await w.session.discovery.forKind(hpa.apiVersion, hpa.kind);
  let obj = hpa;
  if (w.record !== undefined)
    obj = {
      ...obj,
      metadata: {
        ...obj.metadata,
        annotations: { ...obj.metadata.annotations, 'kubernetes.io/change-cause': w.record },
      },
    };
  if (w.dryRun === 'client') {
    await printTypedResult(w.flags, hpaResource, obj, 'created', w.dryRun);
    return;
  }
  if (w.flags.bool('save-config')) obj = withLastAppliedTyped(obj);
  const reply = await w.session.rest.request('POST', resourcePath(hpaResource, { namespace: w.namespace }), {
    body: obj,
    query: {
      fieldManager: w.flags.str('field-manager') || undefined,
      dryRun: w.dryRun === 'server' ? 'All' : undefined,
    },
  });
  w.session.warn(RestClient.warnings(reply));
  if (reply.status > 299) throw new ApiStatusError(JSON.parse(reply.text));
  await printTypedResult(w.flags, hpaResource, typedAnswer(JSON.parse(reply.text)), 'autoscaled', w.dryRun);
}

const noResources = `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

export function runAutoscale(argv: string[]): Promise<void> {
  return runCommand('autoscale', argv, autoscaleFlags, async (flags, sessionOf) => {
    for (const [name, message] of Object.entries(deprecations))
      if (flags.changed(name)) process.stderr.write(`Flag --${name} has been deprecated, ${message}\n`);
    if (!flags.changed('max')) throw new KubectlError('error: required flag(s) "max" not set');
    const dryRun = dryRunOf(flags);
    const o: Options = {
      name: flags.str('name'),
      min: flags.int('min'),
      max: flags.int('max'),
      cpuPercent: flags.int('cpu-percent'),
      cpu: flags.str('cpu'),
      memory: flags.str('memory'),
    };
    const session = sessionOf();
    // Validate
    if (o.max < 1)
      throw new KubectlError(`error: --max=MAXPODS is required and must be at least 1, max: ${o.max}`);
    if (o.max < o.min)
      throw new KubectlError(
        `error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: ${o.max}, min: ${o.min}`,
      );
    if (o.cpuPercent > 0 && o.cpu)
      throw new KubectlError('error: --cpu-percent and --cpu are mutually exclusive');
    for (const [text, kind] of [
      [o.cpu, 'cpu'],
      [o.memory, 'memory'],
    ] as const) {
      if (!text) continue;
      try {
        parseTarget(text, kind);
      } catch (e) {
        throw new KubectlError(`error: ${(e as Error).message}`);
      }
    }

    // the objects: -f manifests or TYPE NAME / TYPE/NAME, each read from the server
    const files = flags.list('filename');
    const targets: { resource: ApiResource; name: string; namespace?: string }[] = [];
    if (files.length > 0) {
      for (const m of readManifests(files, flags.bool('recursive')))
        targets.push(await locate(session, m, true));
    } else {
      if (flags.args.length === 0) throw new KubectlError(noResources);
      const resolved = await resolveResourceArgs(session, flags.args);
      if (resolved.targets.some((t) => t.name === undefined))
        throw new KubectlError('error: resource(s) were provided, but no name was specified');
      for (const t of resolved.targets)
        targets.push({
          resource: t.resource,
          name: t.name!,
          namespace: t.resource.namespaced ? session.namespace : undefined,
        });
    }
    const globals = new Set((await import('./flags.ts')).globalFlags.map((f) => f.name));
    const write: HpaWrite = {
      session,
      flags,
      dryRun,
      namespace: session.namespace,
      record: flags.bool('record') ? changeCause(flags, flags.args, globals) : undefined,
    };
    let count = 0;
    for (const t of targets) {
      await session.rest.json('GET', resourcePath(t.resource, { namespace: t.namespace, name: t.name }));
      if (!t.resource.subresources.includes('scale')) {
        const gv = t.resource.group ? `${t.resource.group}/${t.resource.version}` : `/${t.resource.version}`;
        throw new KubectlError(
          `error: cannot autoscale a ${t.resource.kind}: could not find scale subresource for ${gv}, Resource=${t.resource.resource} in discovery information`,
        );
      }
      const ns = session.namespaceExplicit ? session.namespace : undefined;
      let v2: Obj;
      try {
        v2 = hpaV2(o, t.name, t.resource, ns);
      } catch (e) {
        throw new KubectlError(
          `error: failed to create HorizontalPodAutoscaler using autoscaling/v2 API: ${(e as Error).message}`,
        );
      }
      try {
        await handleHpa(write, v2);
      } catch (e) {
        if (!(e instanceof ApiStatusError)) throw e;
        const [ok, why] = v1Compatible(o);
        if (!ok)
          throw new KubectlError(
            `error: failed to create autoscaling/v2 HPA and the configuration is incompatible with autoscaling/v1: ${why ?? '%!w(<nil>)'}`,
          );
        await handleHpa(write, hpaV1(o, t.name, t.resource, ns));
      }
      count++;
    }
    if (count === 0) throw new KubectlError('error: no objects passed to autoscale');
    return 0;
  });
}
