/**
 * `kubectl describe` layouts of the namespace-level policy kinds (k8s.io/kubectl/pkg/describe):
 * ResourceQuota, LimitRange, the quota and limit-range sections of a Namespace, and
 * PodDisruptionBudget. Objects are plain JSON as the API returns them.
 */
import { Quantity } from '../quantity.ts';
import { formatLabelSelector } from '../selectors/index.ts';
import {
  describeEvents,
  intOrString,
  type PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
  rfc1123z,
  sortedKeys,
  tabbed,
} from './describe.ts';

type Obj = Record<string, any>;

const byName = (a: Obj, b: Obj) => {
  const x = String(a.metadata?.name ?? '');
  const y = String(b.metadata?.name ?? '');
  return x < y ? -1 : x > y ? 1 : 0;
};

/** A quantity as the API returned it, or the zero Quantity (`0`) when absent or unreadable. */
function quantityOf(value: unknown): Quantity {
  if (value === undefined) return Quantity.zero();
  try {
    return Quantity.fromJSON(value);
  } catch {
    return Quantity.zero();
  }
}

const quotaScopeHelp: Record<string, string> = {
  Terminating:
    'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating:
    'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort:
    'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort:
    'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
};

function sortedScopes(quota: Obj): string[] {
  return [...((quota.spec?.scopes ?? []) as string[])].sort();
}

/** describeQuota: a used amount in another format than its hard limit is shown in the limit's. */
export function describeResourceQuota(quota: Obj): string {
  return tabbed((w) => {
    w.write(0, `Name:\t${quota.metadata?.name}\n`);
    w.write(0, `Namespace:\t${quota.metadata?.namespace}\n`);
    const scopes = sortedScopes(quota);
    if (scopes.length > 0) {
      w.write(0, `Scopes:\t${scopes.join(', ')}\n`);
      for (const s of scopes) if (quotaScopeHelp[s]) w.write(0, ` * ${quotaScopeHelp[s]}\n`);
    }
    w.write(0, 'Resource\tUsed\tHard\n');
    w.write(0, '--------\t----\t----\n');
    const hard: Obj = quota.status?.hard ?? {};
    const usedList: Obj = quota.status?.used ?? {};
    for (const name of sortedKeys(hard)) {
      const limit = quantityOf(hard[name]);
      let used = quantityOf(usedList[name]);
      if (used.format !== limit.format && limit.format !== '')
        used = Quantity.of(used.value(), 0, limit.format);
      w.write(0, `${name}\t${used}\t${limit}\n`);
    }
  });
}

/** DescribeResourceQuotas: every quota of a namespace, by name, in one table each. */
export function describeResourceQuotas(quotas: Obj[], w: PrefixWriter): void {
  if (quotas.length === 0) {
    w.write(0, 'No resource quota.\n');
    return;
  }
  w.write(0, 'Resource Quotas\n');
  for (const q of [...quotas].sort(byName)) {
    w.write(1, `Name:\t${q.metadata?.name}\n`);
    const scopes = sortedScopes(q);
    if (scopes.length > 0) {
      w.write(1, `Scopes:\t${scopes.join(', ')}\n`);
      for (const s of scopes) if (quotaScopeHelp[s]) w.write(1, `* ${quotaScopeHelp[s]}\n`);
    }
    w.write(1, 'Resource\tUsed\tHard\n');
    w.write(1, '--------\t---\t---\n');
    const hard: Obj = q.status?.hard ?? {};
    const used: Obj = q.status?.used ?? {};
    for (const name of sortedKeys(hard))
      w.write(1, `${name}\t${quantityOf(used[name])}\t${quantityOf(hard[name])}\n`);
  }
}

const limitColumns: [string, string][] = [
  ['min', 'Min'],
  ['max', 'Max'],
  ['defaultRequest', 'Default Request'],
  ['default', 'Default Limit'],
  ['maxLimitRequestRatio', 'Max Limit/Request Ratio'],
];

/**
 * describeLimitRangeSpec: one row per limit item and resource. Upstream walks a Go map here, so
 * its rows within an item come in no fixed order; ours come sorted by resource name.
 */
function describeLimitRangeSpec(spec: Obj | undefined, prefix: string, w: PrefixWriter): void {
  for (const item of (spec?.limits ?? []) as Obj[]) {
    const names = new Set<string>();
    for (const [field] of limitColumns) for (const k of Object.keys(item[field] ?? {})) names.add(k);
    for (const name of [...names].sort()) {
      const cells = limitColumns.map(([field]) => {
        const v = item[field]?.[name];
        return v === undefined ? '-' : String(quantityOf(v));
      });
      w.write(0, `${prefix}${item.type ?? ''}\t${name}\t${cells.join('\t')}\n`);
    }
  }
}

const limitHeader = `Type\tResource\t${limitColumns.map(([, title]) => title).join('\t')}\n`;
const limitRule = `${limitHeader.replace(/[^\t\n]/g, '-')}`;

/** DescribeLimitRanges: the items of every LimitRange of a namespace in one table. */
export function describeLimitRanges(ranges: Obj[], w: PrefixWriter): void {
  if (ranges.length === 0) {
    w.write(0, 'No LimitRange resource.\n');
    return;
  }
  w.write(0, `Resource Limits\n ${limitHeader}`);
  w.write(0, ` ${limitRule}`);
  for (const r of ranges) describeLimitRangeSpec(r.spec, ' ', w);
}

/** describeLimitRange. */
export function describeLimitRange(range: Obj): string {
  return tabbed((w) => {
    w.write(0, `Name:\t${range.metadata?.name}\n`);
    w.write(0, `Namespace:\t${range.metadata?.namespace}\n`);
    w.write(0, limitHeader);
    w.write(0, limitRule);
    describeLimitRangeSpec(range.spec, '', w);
  });
}

/**
 * describeNamespace; `quotas` and `limitRanges` are undefined when the server does not serve
 * them, which leaves their sections out.
 */
export function describeNamespace(
  ns: Obj,
  quotas: Obj[] | undefined,
  limitRanges: Obj[] | undefined,
): string {
  return tabbed((w) => {
    w.write(0, `Name:\t${ns.metadata?.name}\n`);
    printLabelsMultiline(w, 'Labels', ns.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', ns.metadata?.annotations);
    w.write(0, `Status:\t${ns.status?.phase ?? ''}\n`);
    const conditions: Obj[] = ns.status?.conditions ?? [];
    if (conditions.length > 0) {
      w.write(0, 'Conditions:\n');
      w.write(1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
      w.write(1, '----\t------\t------------------\t------\t-------\n');
      for (const c of conditions)
        w.write(
          1,
          `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`,
        );
    }
    if (quotas) {
      w.write(0, '\n');
      describeResourceQuotas(quotas, w);
    }
    if (limitRanges) {
      w.write(0, '\n');
      describeLimitRanges(limitRanges, w);
    }
  });
}

/** describePodDisruptionBudgetV1. */
export function describePodDisruptionBudget(pdb: Obj, events: Obj[] | undefined): string {
  const spec = pdb.spec ?? {};
  const status = pdb.status ?? {};
  return tabbed((w) => {
    w.write(0, `Name:\t${pdb.metadata?.name}\n`);
    w.write(0, `Namespace:\t${pdb.metadata?.namespace}\n`);
    if (spec.minAvailable !== undefined && spec.minAvailable !== null)
      w.write(0, `Min available:\t${intOrString(spec.minAvailable)}\n`);
    else if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null)
      w.write(0, `Max unavailable:\t${intOrString(spec.maxUnavailable)}\n`);
    w.write(0, `Selector:\t${spec.selector ? formatLabelSelector(spec.selector) : '<unset>'}\n`);
    w.write(0, 'Status:\n');
    w.write(2, `Allowed disruptions:\t${status.disruptionsAllowed ?? 0}\n`);
    w.write(2, `Current:\t${status.currentHealthy ?? 0}\n`);
    w.write(2, `Desired:\t${status.desiredHealthy ?? 0}\n`);
    w.write(2, `Total:\t${status.expectedPods ?? 0}\n`);
    if (events) describeEvents(events, w);
  });
}
