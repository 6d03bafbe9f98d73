/**
 * `kubectl taint` (kubectl's cmd/taint): add (`key[=value]:Effect`), remove (`key[:Effect]-`) and,
 * with --overwrite, replace node taints, on `nodes NAME`, `node/NAME`, `nodes -l ...` or
 * `nodes --all`; prints `node/NAME tainted|untainted|modified`.
 */
import { resourcePath } from '../../kube/client/index.ts';
import type { FlagSpec } from './flags.ts';
import { dryRunFlag, dryRunOf, dryRunSuffix } from './objects.ts';
import { errorText, KubectlError, runCommand } from './session.ts';

type Obj = Record<string, any>;
interface Taint {
  key: string;
  value?: string;
  effect?: string;
}

const nodes = { group: '', version: 'v1', resource: 'nodes', kind: 'Node', namespaced: false } as const;
const effects = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

const taintFlags: FlagSpec[] = [
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'all', type: 'bool' },
  { name: 'overwrite', type: 'bool' },
  { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
  { name: 'field-manager', type: 'string', default: 'kubectl-taint' },
  dryRunFlag,
];

/** Taint.ToString. */
function taintText(t: Taint): string {
  const kv = t.value ? `${t.key}=${t.value}` : t.key;
  return t.effect ? `${kv}:${t.effect}` : kv;
}

/** ParseTaints: specs ending in `-` remove, the others add and need an effect. */
export function parseTaints(specs: string[]): { add: Taint[]; remove: Taint[] } {
  const add: Taint[] = [];
  const remove: Taint[] = [];
  const seen = new Set<string>();
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      const body = spec.slice(0, -1);
      const colon = body.indexOf(':');
      const t: Taint =
        colon < 0 ? { key: body } : { key: body.slice(0, colon), effect: body.slice(colon + 1) };
      if (t.effect !== undefined && !effects.includes(t.effect))
        throw new Error(`invalid taint effect: ${t.effect}, unsupported taint effect`);
      remove.push(t);
      continue;
    }
    const colon = spec.lastIndexOf(':');
    if (colon < 0 && spec.includes('='))
      // without an effect the whole spec is read as the key, which fails the qualified-name rule
      throw new Error(
        `invalid taint spec: ${spec}, name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
      );
    if (colon < 0) throw new Error(`invalid taint spec: ${spec}`);
    const kv = spec.slice(0, colon);
    const effect = spec.slice(colon + 1);
    if (!effects.includes(effect))
      throw new Error(`invalid taint effect: ${effect}, unsupported taint effect`);
    const eq = kv.indexOf('=');
    const t: Taint = eq < 0 ? { key: kv, effect } : { key: kv.slice(0, eq), value: kv.slice(eq + 1), effect };
    if (!t.key) throw new Error(`invalid taint spec: ${spec}`);
    const id = `${t.key}:${effect}`;
    if (seen.has(id)) throw new Error(`duplicated taints with the same key and effect: ${id}`);
    seen.add(id);
    add.push(t);
  }
  return { add, remove };
}

/** reorganizeTaints: the new list, the word kubectl prints, and the not-found errors. */
export function reorganize(
  old: Taint[],
  add: Taint[],
  remove: Taint[],
  overwrite: boolean,
): { taints: Taint[]; operation: string; errors: string[] } {
  const taints: Taint[] = add.map((t) => ({ ...t }));
  for (const o of old) if (!taints.some((t) => t.key === o.key && t.effect === o.effect)) taints.push(o);
  const added = old.length !== taints.length;
  const errors: string[] = [];
  let deleted = false;
  for (const r of remove) {
    const before = taints.length;
    for (let i = taints.length - 1; i >= 0; i--)
      if (taints[i]!.key === r.key && (r.effect === undefined || taints[i]!.effect === r.effect))
        taints.splice(i, 1);
    deleted = taints.length !== before;
    if (!deleted) errors.push(`taint "${taintText(r)}" not found`);
  }
  const operation = (added && deleted) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { taints, operation, errors };
}

export function runTaint(argv: string[]): Promise<void> {
  return runCommand('taint', argv, taintFlags, async (flags, open) => {
    const dryRun = dryRunOf(flags);
    const args = flags.args;
    if (args.length === 0)
      throw new KubectlError(
        "error: at least one taint update is required\nSee 'kubectl taint -h' for help and examples",
      );
    // kubectl 1.35 reads the first argument as a resource type only (no TYPE/NAME form)
    if (args[0]!.includes('/'))
      throw new KubectlError(`the server doesn't have a resource type "${args[0]}"`);
    if (!['node', 'nodes', 'no'].includes(args[0]!))
      throw new KubectlError(`error: invalid resource type ${args[0]}, only node types are supported`);
    let rest = args.slice(1);
    let names: string[] = [];
    if (!flags.bool('all') && !flags.str('selector')) {
      names = rest.filter((a) => !a.includes(':') && !a.includes('=') && !a.endsWith('-'));
      rest = rest.slice(names.length);
    }
    if (rest.length === 0) throw new KubectlError('error: at least one taint update is required');
    let parsed: { add: Taint[]; remove: Taint[] };
    try {
      parsed = parseTaints(rest);
    } catch (e) {
      throw new KubectlError(`error: ${(e as Error).message}\nSee 'kubectl taint -h' for help and examples`);
    }
    const both = parsed.add.filter((a) =>
      parsed.remove.some((r) => r.key === a.key && r.effect === a.effect),
    );
    if (both.length > 0)
      throw new KubectlError(
        `error: can not both modify and remove the following taint(s) in the same command: ${both.map(taintText).join(', ')}\nSee 'kubectl taint -h' for help and examples`,
      );
    const session = open();
    let targets: Obj[];
    if (names.length > 0) {
      targets = [];
      for (const name of names)
        targets.push(await session.rest.json('GET', resourcePath(nodes as never, { name })));
    } else {
      const list = await session.rest.json('GET', resourcePath(nodes as never), {
        query: { labelSelector: flags.str('selector') || undefined },
      });
      targets = list.items ?? [];
    }
    let failed = 0;
    for (const node of targets) {
      try {
        const old: Taint[] = node.spec?.taints ?? [];
        if (!flags.bool('overwrite')) {
          const exists = parsed.add.filter((t) => old.some((o) => o.key === t.key && o.effect === t.effect));
          if (exists.length > 0)
            throw new KubectlError(
              `error: node ${node.metadata.name} already has ${exists.map((t) => t.key).join(',')} taint(s) with same effect(s) and --overwrite is false`,
            );
        }
        const r = reorganize(old, parsed.add, parsed.remove, flags.bool('overwrite'));
        if (r.errors.length > 0)
          throw new KubectlError(
            `error: ${r.errors.length === 1 ? r.errors[0] : `[${r.errors.join(', ')}]`}`,
          );
        if (dryRun !== 'client')
          await session.rest.json('PATCH', resourcePath(nodes as never, { name: node.metadata.name }), {
            body: JSON.stringify({ spec: { taints: r.taints.length > 0 ? r.taints : null } }),
            contentType: 'application/merge-patch+json',
            query: {
              fieldManager: flags.str('field-manager'),
              dryRun: dryRun === 'server' ? 'All' : undefined,
            },
          });
        process.stdout.write(`node/${node.metadata.name} ${r.operation}${dryRunSuffix(dryRun)}\n`);
      } catch (e) {
        process.stderr.write(`${errorText(e)}\n`);
        failed++;
      }
    }
    return failed > 0 ? 1 : 0;
  });
}
