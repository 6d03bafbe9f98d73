/**
 * `kubectl set resources`: merge `--limits` and `--requests` (`cpu=200m,memory=512Mi`) into the
 * resources of the containers a `-c` glob selects.
 */
import type { FlagSpec } from './flags.ts';
import { deepClone, dryRunOf } from './objects.ts';
import { KubectlError, runCommand } from './session.ts';
import {
  eachTarget,
  globMatch,
  podSpecOf,
  sendSetPatch,
  setRef,
  setSelectionSpecs,
  setTargets,
} from './set-targets.ts';

const setResourcesSpecs: FlagSpec[] = [
  ...setSelectionSpecs,
  { name: 'limits', type: 'string' },
  { name: 'requests', type: 'string' },
];

const quantityPattern = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

/**
 * A quantity as resource.Quantity prints it for the common forms: a plain decimal with a fraction
 * becomes milli-units (`0.5` is `500m`), whole milli-units drop the suffix (`2000m` is `2`).
 */
function canonicalQuantity(text: string): string {
  const m = quantityPattern.exec(text);
  if (!m || (m[1].match(/\./g)?.length ?? 0) > 1)
    throw new KubectlError(
      "error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
  const [, number, suffix] = m;
  if (suffix === '' && number.includes('.')) {
    const milli = Math.round(Number(number) * 1000);
    return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
  }
  if (suffix === 'm' && /^\d+$/.test(number) && Number(number) % 1000 === 0)
    return String(Number(number) / 1000);
  return text;
}

function parseResourceList(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!text) return out;
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new KubectlError(`error: invalid resource specification: ${pair}`);
    out[pair.slice(0, eq)] = canonicalQuantity(pair.slice(eq + 1));
  }
  return out;
}

export function runSetResources(argv: string[]): Promise<void> {
  return runCommand('set resources', argv, setResourcesSpecs, async (flags, sessionOf) => {
    if (!flags.str('limits') && !flags.str('requests'))
      throw new KubectlError(
        'error: you must specify an update to requests or limits (in the form of --requests/--limits)',
      );
    const limits = parseResourceList(flags.str('limits'));
    const requests = parseResourceList(flags.str('requests'));
    const dryRun = dryRunOf(flags);
    const session = sessionOf();
    const targets = await setTargets(session, flags, flags.args);
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
      if (containers.length === 0) throw new KubectlError(`error: unable to find container named ${pattern}`);
      for (const c of containers) {
        const resources = (c.resources ??= {});
        if (Object.keys(limits).length > 0) resources.limits = { ...(resources.limits ?? {}), ...limits };
        if (Object.keys(requests).length > 0)
          resources.requests = { ...(resources.requests ?? {}), ...requests };
      }
      await sendSetPatch(session, flags, t, before, after, 'resource requirements updated', dryRun);
    });
  });
}
