/**
 * `kubectl set env`: add, replace (`--overwrite`, on by default) or remove (`KEY-`) environment
 * variables of the containers a `-c` glob selects, import keys of a ConfigMap or Secret as
 * references (`--from`, `--keys`, `--prefix`), or `--list` them as kubectl prints them.
 */
import { resourcePath } from '../../kube/client/index.ts';
import type { FlagSpec } from './flags.ts';
import { deepClone, dryRunOf } from './objects.ts';
import { KubectlError, runCommand, type Session } from './session.ts';
import {
  eachTarget,
  globMatch,
  podSpecOf,
  sendSetPatch,
  setRef,
  setSelectionSpecs,
  setTargets,
} from './set-targets.ts';

const setEnvSpecs: FlagSpec[] = [
  ...setSelectionSpecs,
  { name: 'env', short: 'e', type: 'stringArray' },
  { name: 'list', type: 'bool' },
  { name: 'resolve', type: 'bool' },
  { name: 'from', type: 'string' },
  { name: 'keys', type: 'stringArray' },
  { name: 'prefix', type: 'string' },
  { name: 'overwrite', type: 'bool', default: true },
];

const envNamePattern = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

type EnvVar = { name: string; value?: string; valueFrom?: Record<string, any> };

function checkName(name: string): void {
  if (!envNamePattern.test(name))
    throw new KubectlError(
      `error: "${name}" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')`,
    );
}

/** The variables a `--from=configmap/NAME|secret/NAME` brings, as references to its keys. */
async function fromSource(session: Session, from: string, keys: string[], prefix: string): Promise<EnvVar[]> {
  const slash = from.indexOf('/');
  const resource = await session.discovery.resolveOne(slash < 0 ? from : from.slice(0, slash));
  const name = slash < 0 ? '' : from.slice(slash + 1);
  const obj = await session.rest.json('GET', resourcePath(resource, { namespace: session.namespace, name }));
  const refKind =
    resource.kind === 'Secret' ? 'secretKeyRef' : resource.kind === 'ConfigMap' ? 'configMapKeyRef' : '';
  if (!refKind) throw new KubectlError(`error: unsupported resource specified in --from`);
  const dataKeys = [...Object.keys(obj.data ?? {}), ...Object.keys(obj.binaryData ?? {})].sort();
  const out: EnvVar[] = [];
  for (const key of dataKeys) {
    if (keys.length > 0 && !keys.includes(key)) continue;
    const envName = key.replace(/[^a-zA-Z0-9_]/g, '_').toUpperCase();
    if (key !== envName) process.stderr.write(`Warning: key ${key} transferred to ${envName}\n`);
    out.push({ name: prefix + envName, valueFrom: { [refKind]: { key, name } } });
  }
  return out;
}

/** `--list`: each container's variables, references as comments (or resolved with --resolve). */
async function listEnv(
  session: Session,
  resolve: boolean,
  kind: string,
  name: string,
  containers: Record<string, any>[],
): Promise<string> {
  let out = '';
  for (const c of containers) {
    out += `# ${kind} ${name}, container ${c.name}\n`;
    for (const e of (c.env ?? []) as EnvVar[]) {
      if (!e.valueFrom) {
        out += `${e.name}=${e.value ?? ''}\n`;
        continue;
      }
      const from = e.valueFrom;
      if (resolve && (from.configMapKeyRef || from.secretKeyRef)) {
        const ref = from.configMapKeyRef ?? from.secretKeyRef;
        const path = from.configMapKeyRef
          ? `/api/v1/namespaces/${session.namespace}/configmaps/${ref.name}`
          : `/api/v1/namespaces/${session.namespace}/secrets/${ref.name}`;
        const obj = await session.rest.json('GET', path);
        const raw = obj.data?.[ref.key] ?? '';
        out += `${e.name}=${from.secretKeyRef ? Buffer.from(raw, 'base64').toString('utf8') : raw}\n`;
        continue;
      }
      if (from.configMapKeyRef)
        out += `# ${e.name} from configmap ${from.configMapKeyRef.name}, key ${from.configMapKeyRef.key}\n`;
      else if (from.secretKeyRef)
        out += `# ${e.name} from secret ${from.secretKeyRef.name}, key ${from.secretKeyRef.key}\n`;
      else if (from.fieldRef) out += `# ${e.name} from field path ${from.fieldRef.fieldPath}\n`;
      else if (from.resourceFieldRef) out += `# ${e.name} from resource ${from.resourceFieldRef.resource}\n`;
      else out += `# ${e.name} from unknown source\n`;
    }
  }
  return out;
}

export function runSetEnv(argv: string[]): Promise<void> {
  return runCommand('set env', argv, setEnvSpecs, async (flags, sessionOf) => {
    const resourceArgs: string[] = [];
    const envArgs: string[] = [...flags.list('env')];
    for (const a of flags.args) {
      if (a.includes('=') || (a.endsWith('-') && a.length > 1)) envArgs.push(a);
      else resourceArgs.push(a);
    }
    const set: EnvVar[] = [];
    const remove: string[] = [];
    for (const a of envArgs) {
      const eq = a.indexOf('=');
      if (eq >= 0) {
        const name = a.slice(0, eq);
        checkName(name);
        set.push({ name, value: a.slice(eq + 1) });
      } else remove.push(a.slice(0, -1));
    }
    const list = flags.bool('list');
    const dryRun = dryRunOf(flags);
    const session = sessionOf();
    const targets = await setTargets(session, flags, resourceArgs);
    if (flags.str('from'))
      set.push(...(await fromSource(session, flags.str('from'), flags.list('keys'), flags.str('prefix'))));
    else if (flags.str('prefix')) for (const e of set) e.name = flags.str('prefix') + e.name;
    const pattern = flags.str('containers');
    return eachTarget(targets, async (t) => {
      const before = t.object;
      const after = deepClone(before);
      const spec = podSpecOf(after);
      if (!spec)
        throw new KubectlError(
          `error: ${setRef(t)} the object is not a pod or does not have a pod template: *v1.${t.resource.kind}`,
        );
      const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])].filter((c) =>
        globMatch(pattern, c.name),
      );
      if (containers.length === 0) {
        process.stderr.write(
          `Warning: ${t.resource.kind}/${t.name} does not have any containers matching "${pattern}"\n`,
        );
        return;
      }
      if (list) {
        process.stdout.write(
          await listEnv(session, flags.bool('resolve'), t.resource.kind, t.name, containers),
        );
        return;
      }
      for (const c of containers) {
        const env: EnvVar[] = c.env ?? [];
        for (const e of set) {
          const at = env.findIndex((x) => x.name === e.name);
          if (at < 0) env.push({ ...e });
          else {
            if (!flags.bool('overwrite') && (env[at].value !== e.value || env[at].valueFrom))
              throw new KubectlError(
                `error: ${setRef(t)} '${e.name}' already has a value (${env[at].value ?? ''}), and --overwrite is false`,
              );
            env[at] = { ...e };
          }
        }
        const kept = env.filter((e) => !remove.includes(e.name));
        if (kept.length > 0) c.env = kept;
        else delete c.env;
      }
      await sendSetPatch(session, flags, t, before, after, 'env updated', dryRun);
    });
  });
}
