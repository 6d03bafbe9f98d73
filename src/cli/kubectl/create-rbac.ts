/**
 * The identity and access generators: `create serviceaccount`, `create role|clusterrole` (rules
 * per API group from `--verb`/`--resource`, resources resolved against the server's discovery,
 * non-resource URLs, aggregation rules) and `create rolebinding|clusterrolebinding` (subjects in
 * kubectl's order: users, groups, service accounts).
 */
import { builtinResource, type Generator, type GeneratorContext, sliceValues } from './create.ts';
import { KubectlError } from './session.ts';

const rbacGroup = 'rbac.authorization.k8s.io';

const resourceVerbs = new Set([
  '*',
  'get',
  'delete',
  'list',
  'create',
  'update',
  'patch',
  'watch',
  'proxy',
  'deletecollection',
  'use',
  'bind',
  'escalate',
  'impersonate',
]);
const nonResourceVerbs = new Set(['*', 'get', 'post', 'put', 'delete', 'patch', 'head', 'options']);

interface ResourceWord {
  resource: string;
  group: string;
  /** Whether the user named the group (`rs.apps`). */
  groupGiven: boolean;
  subresource: string;
}

/** `resource[.group][/subresource]`; a bare `*` stands for every resource alone. */
function parseResourceWords(words: string[]): ResourceWord[] {
  const out: ResourceWord[] = [];
  for (const word of words) {
    const slash = word.indexOf('/');
    const main = slash < 0 ? word : word.slice(0, slash);
    const subresource = slash < 0 ? '' : word.slice(slash + 1);
    const dot = main.indexOf('.');
    const parsed: ResourceWord = {
      resource: dot < 0 ? main : main.slice(0, dot),
      group: dot < 0 ? '' : main.slice(dot + 1),
      groupGiven: dot >= 0,
      subresource,
    };
    if (parsed.resource === '*' && dot < 0 && slash < 0) return [parsed];
    out.push(parsed);
  }
  return out;
}

async function policyRules(ctx: GeneratorContext): Promise<Record<string, any>[]> {
  const { flags } = ctx;
  const verbs = sliceValues(flags, 'verb');
  const words = parseResourceWords(sliceValues(flags, 'resource'));
  const resourceNames = flags.list('resource-name');
  const urls = sliceValues(flags, 'non-resource-url');
  if (verbs.length === 0) throw new KubectlError('error: at least one verb must be specified');
  if (words.length === 0 && urls.length === 0) {
    throw new KubectlError(
      flags.parsed.values.has('non-resource-url')
        ? 'error: one of resource or nonResourceURL must be specified'
        : 'error: at least one resource must be specified',
    );
  }
  if (urls.length > 0) {
    for (const v of verbs)
      if (!nonResourceVerbs.has(v)) throw new KubectlError(`error: invalid verb: '${v}' for nonResourceURL`);
    for (const u of urls) {
      if (u === '*') continue;
      if (!u.startsWith('/')) throw new KubectlError(`error: nonResourceURL should start with /`);
      if (u.slice(0, -1).includes('*'))
        throw new KubectlError(`error: nonResourceURL only supports wildcard matches when '*' is at the end`);
    }
  }
  if (words.length > 0)
    for (const v of verbs)
      if (!resourceVerbs.has(v)) process.stderr.write(`Warning: '${v}' is not a standard resource verb\n`);
  // resources by API group, groups sorted, each resource as the server names it
  const byGroup = new Map<string, string[]>();
  for (const w of words) {
    let resource = w.resource;
    let group = w.group;
    if (resource !== '*') {
      const session = ctx.session();
      let found: Awaited<ReturnType<typeof session.discovery.resolve>>;
      try {
        found = await session.discovery.resolve(w.groupGiven ? `${w.resource}.${w.group}` : w.resource);
      } catch {
        found = [];
      }
      const match = found.length === 1 ? found[0] : undefined;
      if (!match || (w.groupGiven && match.group !== w.group))
        throw new KubectlError(
          w.groupGiven
            ? `the server doesn't have a resource type "${w.resource}" in group "${w.group}"`
            : `the server doesn't have a resource type "${w.resource}"`,
        );
      resource = match.resource;
      group = match.group;
    }
    const full = w.subresource ? `${resource}/${w.subresource}` : resource;
    const list = byGroup.get(group) ?? [];
    if (!list.includes(full)) list.push(full);
    byGroup.set(group, list);
  }
  const rules: Record<string, any>[] = [...byGroup.keys()].sort().map((group) => {
    const rule: Record<string, any> = { apiGroups: [group] };
    if (resourceNames.length > 0) rule.resourceNames = resourceNames;
    rule.resources = byGroup.get(group);
    rule.verbs = verbs;
    return rule;
  });
  if (urls.length > 0) rules.push({ nonResourceURLs: urls, verbs });
  return rules;
}

const roleGenerator: Generator = {
  command: 'create role',
  resource: builtinResource(rbacGroup, 'roles', 'Role', true),
  flags: [
    { name: 'verb', type: 'stringArray' },
    { name: 'resource', type: 'stringArray' },
    { name: 'resource-name', type: 'stringArray' },
  ],
  async build(name, ctx) {
    return { apiVersion: `${rbacGroup}/v1`, kind: 'Role', metadata: { name }, rules: await policyRules(ctx) };
  },
};

const clusterRoleGenerator: Generator = {
  command: 'create clusterrole',
  resource: builtinResource(rbacGroup, 'clusterroles', 'ClusterRole', false),
  flags: [
    { name: 'verb', type: 'stringArray' },
    { name: 'resource', type: 'stringArray' },
    { name: 'resource-name', type: 'stringArray' },
    { name: 'non-resource-url', type: 'stringArray' },
    { name: 'aggregation-rule', type: 'stringArray' },
  ],
  async build(name, ctx) {
    const { flags } = ctx;
    const aggregation = sliceValues(flags, 'aggregation-rule');
    if (aggregation.length > 0) {
      if (['verb', 'resource', 'resource-name', 'non-resource-url'].some((f) => flags.list(f).length > 0))
        throw new KubectlError(
          'error: aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames',
        );
      const matchLabels: Record<string, string> = {};
      for (const pair of aggregation) {
        const eq = pair.indexOf('=');
        if (eq < 0)
          throw new KubectlError(
            `error: invalid argument "${pair}" for "--aggregation-rule" flag: ${pair} must be formatted as key=value`,
          );
        matchLabels[pair.slice(0, eq)] = pair.slice(eq + 1);
      }
      return {
        aggregationRule: { clusterRoleSelectors: [{ matchLabels }] },
        apiVersion: `${rbacGroup}/v1`,
        kind: 'ClusterRole',
        metadata: { name },
        rules: null,
      };
    }
    return {
      apiVersion: `${rbacGroup}/v1`,
      kind: 'ClusterRole',
      metadata: { name },
      rules: await policyRules(ctx),
    };
  },
};

function subjects(ctx: GeneratorContext): Record<string, any>[] {
  const { flags } = ctx;
  const out: Record<string, any>[] = [];
  for (const user of flags.list('binding-user')) out.push({ apiGroup: rbacGroup, kind: 'User', name: user });
  for (const group of flags.list('group')) out.push({ apiGroup: rbacGroup, kind: 'Group', name: group });
  for (const sa of flags.list('serviceaccount')) {
    const parts = sa.split(':');
    if (parts.length !== 2 || !parts[0] || !parts[1])
      throw new KubectlError('error: serviceaccount must be <namespace>:<name>');
    out.push({ kind: 'ServiceAccount', name: parts[1], namespace: parts[0] });
  }
  return out;
}

const subjectFlags = [
  { name: 'binding-user', type: 'stringArray' as const },
  { name: 'group', type: 'stringArray' as const },
  { name: 'serviceaccount', type: 'stringArray' as const },
];

function binding(kind: string, name: string, roleRef: Record<string, any>, ctx: GeneratorContext) {
  const object: Record<string, any> = { apiVersion: `${rbacGroup}/v1`, kind, metadata: { name }, roleRef };
  const list = subjects(ctx);
  if (list.length > 0) object.subjects = list;
  return object;
}

const roleBindingGenerator: Generator = {
  command: 'create rolebinding',
  resource: builtinResource(rbacGroup, 'rolebindings', 'RoleBinding', true),
  failure: 'failed to create rolebinding:',
  renameFlags: { user: 'binding-user' },
  flags: [{ name: 'role', type: 'string' }, { name: 'clusterrole', type: 'string' }, ...subjectFlags],
  build(name, ctx) {
    const role = ctx.flags.str('role');
    const clusterRole = ctx.flags.str('clusterrole');
    if ((role === '') === (clusterRole === ''))
      throw new KubectlError('error: exactly one of clusterrole or role must be specified');
    const roleRef = { apiGroup: rbacGroup, kind: role ? 'Role' : 'ClusterRole', name: role || clusterRole };
    return binding('RoleBinding', name, roleRef, ctx);
  },
};

const clusterRoleBindingGenerator: Generator = {
  command: 'create clusterrolebinding',
  resource: builtinResource(rbacGroup, 'clusterrolebindings', 'ClusterRoleBinding', false),
  failure: 'failed to create clusterrolebinding:',
  required: ['clusterrole'],
  renameFlags: { user: 'binding-user' },
  flags: [{ name: 'clusterrole', type: 'string' }, ...subjectFlags],
  build(name, ctx) {
    const roleRef = { apiGroup: rbacGroup, kind: 'ClusterRole', name: ctx.flags.str('clusterrole') };
    return binding('ClusterRoleBinding', name, roleRef, ctx);
  },
};

const serviceAccountGenerator: Generator = {
  command: 'create serviceaccount',
  resource: builtinResource('', 'serviceaccounts', 'ServiceAccount', true),
  failure: 'failed to create serviceaccount:',
  flags: [],
  build: (name) => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name } }),
};

export const rbacGenerators: Record<string, Generator> = {
  serviceaccount: serviceAccountGenerator,
  role: roleGenerator,
  clusterrole: clusterRoleGenerator,
  rolebinding: roleBindingGenerator,
  clusterrolebinding: clusterRoleBindingGenerator,
};
