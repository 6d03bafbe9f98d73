/**
 * `bosun kubectl rollout timeline TYPE/NAME [-n NS] [--svg FILE] [-o json|yaml]`: the rollout
 * timeline `bosun up` records for a Deployment, DaemonSet or StatefulSet (no kubectl equivalent:
 * a bosun extension read from the server's bosun.dev API group). Prints one line per change;
 * `--svg FILE` also writes the picture (`--svg -` writes it to stdout instead of the text).
 */
import { writeFileSync } from 'node:fs';
import {
  type RolloutTimeline,
  timelineGroup,
  timelineName,
  timelineResource,
  timelineSvg,
  timelineText,
  timelineVersion,
  type WorkloadKind,
} from '../../cluster/timeline/index.ts';
import { jsonText, yamlText } from '../../kube/printers/index.ts';
import type { FlagSpec, Flags } from './flags.ts';
import { KubectlError, runCommand, type Session } from './session.ts';

export const timelineFlags: FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'svg', type: 'string' },
];

/** The names kubectl accepts for the workload kinds (plural, singular, short name, qualified). */
const kindNames: Record<string, WorkloadKind> = {};
for (const [kind, names] of [
  ['Deployment', ['deployments', 'deployment', 'deploy']],
  ['DaemonSet', ['daemonsets', 'daemonset', 'ds']],
  ['StatefulSet', ['statefulsets', 'statefulset', 'sts']],
] as const) {
  for (const n of names) {
    kindNames[n] = kind;
    kindNames[`${n}.apps`] = kind;
  }
}

/** `TYPE/NAME` or `TYPE NAME` -> the workload. */
export function workloadOfArgs(args: string[]): { kind: WorkloadKind; name: string } {
  if (args.length === 0)
    throw new KubectlError(
      'error: required resource not specified\nUsage: bosun kubectl rollout timeline (TYPE NAME | TYPE/NAME) [--svg FILE] [-o json|yaml]',
    );
  let type: string;
  let name: string | undefined;
  if (args.length === 1) {
    const slash = args[0].indexOf('/');
    if (slash < 0) throw new KubectlError(`error: a name is required: ${args[0]}/NAME`);
    type = args[0].slice(0, slash);
    name = args[0].slice(slash + 1);
  } else if (args.length === 2 && !args[0].includes('/')) {
    [type, name] = args;
  } else {
    throw new KubectlError('error: rollout timeline takes one workload: TYPE/NAME or TYPE NAME');
  }
  const kind = kindNames[type.toLowerCase()];
  if (!kind)
    throw new KubectlError(
      `error: rollout timelines are recorded for Deployments, DaemonSets and StatefulSets, not "${type}"`,
    );
  if (!name) throw new KubectlError(`error: a name is required: ${type}/NAME`);
  return { kind, name };
}

export function timelinePath(namespace: string, kind: WorkloadKind, name: string): string {
  return `/apis/${timelineGroup}/${timelineVersion}/namespaces/${encodeURIComponent(namespace)}/${timelineResource}/${encodeURIComponent(timelineName({ kind, name }))}`;
}

async function timeline(flags: Flags, session: () => Session): Promise<number> {
  const output = flags.str('output');
  if (output && output !== 'json' && output !== 'yaml')
    throw new KubectlError(
      `error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,yaml`,
    );
  const { kind, name } = workloadOfArgs(flags.args);
  const s = session();
  const doc = await s.rest.json<RolloutTimeline>('GET', timelinePath(s.namespace, kind, name));
  const svgFile = flags.str('svg');
  if (svgFile && svgFile !== '-') writeFileSync(svgFile, timelineSvg(doc));
  if (output === 'json') process.stdout.write(jsonText(doc));
  else if (output === 'yaml') process.stdout.write(yamlText(doc));
  else if (svgFile === '-') process.stdout.write(timelineSvg(doc));
  else process.stdout.write(timelineText(doc));
  return 0;
}

export function runRolloutTimeline(argv: string[]): Promise<void> {
  return runCommand('rollout timeline', argv, timelineFlags, timeline);
}
