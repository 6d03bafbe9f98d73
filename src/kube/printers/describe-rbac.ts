/**
 * `kubectl describe` of RBAC objects (k8s.io/kubectl/pkg/describe, pkg/util/rbac): Roles and
 * ClusterRoles as a table of their rules broken down to one verb each and compacted again per
 * resource, and RoleBindings and ClusterRoleBindings as their role and subjects.
 */
import { printAnnotationsMultiline, printLabelsMultiline, tabbed } from './describe.ts';

type Obj = Record<string, any>;

interface PolicyRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** BreakdownRule: one rule per group, resource, verb and resource name; URLs per verb. */
export function breakdownRule(rule: Obj): PolicyRule[] {
  const verbs = list(rule.verbs);
  const names = list(rule.resourceNames);
  const out: PolicyRule[] = [];
  for (const group of list(rule.apiGroups))
    for (const resource of list(rule.resources))
      for (const verb of verbs) {
        const base = { verbs: [verb], apiGroups: [group], resources: [resource], nonResourceURLs: [] };
        if (names.length === 0) out.push({ ...base, resourceNames: [] });
        else for (const name of names) out.push({ ...base, resourceNames: [name] });
      }
  for (const url of list(rule.nonResourceURLs))
    for (const verb of verbs)
      out.push({ verbs: [verb], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [url] });
  return out;
}

/**
 * CompactRules: rules on one group and resource (and at most one name) merge their verbs in
 * first-seen order; every other rule stays as it is.
 */
export function compactRules(rules: PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const rule of rules) {
    const isSimple =
      rule.resourceNames.length <= 1 &&
      rule.nonResourceURLs.length === 0 &&
      rule.apiGroups.length === 1 &&
      rule.resources.length === 1;
    if (!isSimple) {
      compacted.push(rule);
      continue;
    }
    const key = JSON.stringify([rule.apiGroups[0], rule.resources[0], rule.resourceNames]);
    const existing = simple.get(key);
    if (!existing) simple.set(key, { ...rule, verbs: [...rule.verbs] });
    else for (const v of rule.verbs) if (!existing.verbs.includes(v)) existing.verbs.push(v);
  }
  return [...compacted, ...simple.values()];
}

const goList = (items: string[]) => `[${items.join(' ')}]`;

/** PolicyRule.String() of the generated API type: the key SortableRuleSlice orders by. */
function ruleString(r: PolicyRule): string {
  return `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;
}

/** CombineResourceGroup: `resource.group/subresource` of the first resource and group. */
function combineResourceGroup(resources: string[], groups: string[]): string {
  if (resources.length === 0) return '';
  const slash = resources[0].indexOf('/');
  let text = slash < 0 ? resources[0] : resources[0].slice(0, slash);
  if (groups.length > 0 && groups[0] !== '') text += `.${groups[0]}`;
  if (slash >= 0) text += resources[0].slice(slash);
  return text;
}

/** The rules a Role or ClusterRole grants, as describe lists them. */
export function describedRules(role: Obj): PolicyRule[] {
  const rules = compactRules(((role.rules ?? []) as Obj[]).flatMap(breakdownRule));
  const keyed = rules.map((r) => ({ r, key: ruleString(r) }));
  // a stable sort, as sort.Stable
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.r);
}

/** RoleDescriber and ClusterRoleDescriber (the same layout). */
export function describeRole(role: Obj): string {
  return tabbed((w) => {
    w.write(0, `Name:\t${role.metadata?.name}\n`);
    printLabelsMultiline(w, 'Labels', role.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', role.metadata?.annotations);
    w.write(0, 'PolicyRule:\n');
    w.write(1, 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n');
    w.write(1, '---------\t-----------------\t--------------\t-----\n');
    for (const r of describedRules(role))
      w.write(
        1,
        `${combineResourceGroup(r.resources, r.apiGroups)}\t${goList(r.nonResourceURLs)}\t${goList(r.resourceNames)}\t${goList(r.verbs)}\n`,
      );
  });
}

/** RoleBindingDescriber and ClusterRoleBindingDescriber (the same layout). */
export function describeRoleBinding(binding: Obj): string {
  return tabbed((w) => {
    w.write(0, `Name:\t${binding.metadata?.name}\n`);
    printLabelsMultiline(w, 'Labels', binding.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', binding.metadata?.annotations);
    w.write(0, 'Role:\n');
    w.write(1, `Kind:\t${binding.roleRef?.kind ?? ''}\n`);
    w.write(1, `Name:\t${binding.roleRef?.name ?? ''}\n`);
    w.write(0, 'Subjects:\n');
    w.write(1, 'Kind\tName\tNamespace\n');
    w.write(1, '----\t----\t---------\n');
    for (const s of (binding.subjects ?? []) as Obj[])
      w.write(1, `${s.kind ?? ''}\t${s.name ?? ''}\t${s.namespace ?? ''}\n`);
  });
}
