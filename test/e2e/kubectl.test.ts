// The real kubectl 1.35 against `bosun up` (one server for this file, in memory, on a free
// port): each case is one command and what it must print. The steps run in order and build on
// each other. Tables are compared with golden files (testdata/) holding what kubectl prints
// against a real cluster for the same objects, AGE cells normalised.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fixturesDir, kubectlBin, normaliseAges, startUp, type Up } from './support.ts';

const ch09 = join(fixturesDir, 'kiamol/ch09');
let skip = '';
if (!kubectlBin) skip = 'no kubectl in the reference directory (scripts/reference-bins.sh)';
else if (!readableDir(ch09)) skip = `no kiamol fixtures at ${ch09}`;
if (skip) console.log(`e2e kubectl: skipped, ${skip}`);

function readableDir(dir: string): boolean {
  try {
    readFileSync(join(dir, 'vweb/vweb-v1.yaml'));
    return true;
  } catch {
    return false;
  }
}

const testdata = join(import.meta.dirname, 'testdata');
let up: Up;

const files: Record<string, string> = {
  'services.yaml': `apiVersion: v1
kind: Service
metadata: {name: api, labels: {tier: backend}}
spec:
  clusterIP: 10.96.100.10
  selector: {app: api}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: v1
kind: Service
metadata: {name: edge}
spec:
  type: NodePort
  clusterIP: 10.96.100.11
  selector: {app: edge}
  ports: [{port: 443, nodePort: 30443, protocol: TCP}]
`,
  'web.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: web}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: "nginx:1.27"}]
`,
  'settings.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {mode: fast}\n',
  'settings-other.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {mode: slow}\n',
  'unknown-field.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: odd, colour: blue}\ndata: {a: "1"}\n',
  'crd.yaml': `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wd]}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              size: {type: integer}
              colour: {type: string}
    additionalPrinterColumns:
    - {name: Size, type: integer, jsonPath: .spec.size}
    - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
`,
  'widget.yaml':
    'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w1}\nspec: {size: 3, colour: red}\n',
};

beforeAll(async () => {
  if (skip) return;
  // The API surface alone: its golden tables were recorded with workloads that do not move
  // (no controllers); ch09-*.test.ts runs kubectl against the full cluster.
  up = await startUp({ inMemory: true, args: ['--no-controllers'] });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(up.work, name), text);
}, 60_000);

afterAll(async () => {
  if (!up) return;
  await up.stop();
  up.cleanup();
});

interface Case {
  args: string[];
  /** stdout equals this string, or matches this pattern. */
  out?: string | RegExp;
  /** stdout (AGE cells normalised) equals testdata/<golden>.txt. */
  golden?: string;
  /** stderr matches. */
  err?: RegExp;
  code?: number;
  /** A known divergence: the case is expected to fail until it is closed. */
  gap?: string;
  /** Runs before the command (e.g. a second kubectl the command waits on). */
  alongside?: (up: Up) => Promise<unknown>;
}

const vweb = join(ch09, 'vweb');

const cases: Case[] = [
  // --- the cluster and its API ----------------------------------------------------------------
  { args: ['version'], out: /Client Version: v1\.35\.\d+\n.*Server Version: v1\.35\.0\n/s },
  { args: ['get', '--raw', '/readyz'], out: 'ok' },
  {
    args: ['api-versions'],
    out: /^admissionregistration|^apiextensions\.k8s\.io\/v1\n(.*\n)*apps\/v1\n(.*\n)*v1\n$/m,
  },
  { args: ['api-resources', '--api-group=apps', '-o', 'name'], golden: 'api-resources-apps' },
  { args: ['api-resources', '--namespaced=false', '-o', 'name'], out: /^namespaces\nnodes\n/m },
  { args: ['api-resources'], out: /^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m },
  { args: ['get', 'namespaces'], golden: 'get-namespaces' },
  { args: ['get', 'services'], golden: 'get-services-default' },
  { args: ['get', 'pods'], out: '', err: /^No resources found in default namespace\.\n$/ },
  // --- create ---------------------------------------------------------------------------------
  { args: ['create', 'namespace', 'demo'], out: 'namespace/demo created\n' },
  {
    args: ['create', 'namespace', 'demo'],
    code: 1,
    err: /\(AlreadyExists\): namespaces "demo" already exists/,
  },
  {
    args: ['-n', 'demo', 'create', 'configmap', 'c1', '--from-literal=x=1', '--from-literal=y=2'],
    out: 'configmap/c1 created\n',
  },
  {
    args: ['-n', 'demo', 'create', 'secret', 'generic', 's1', '--from-literal=p=q'],
    out: 'secret/s1 created\n',
  },
  { args: ['-n', 'demo', 'get', 'secret', 's1', '-o', 'jsonpath={.data.p}'], out: 'cQ==' },
  // kubectl's typed create commands send protobuf bodies.
  {
    args: ['-n', 'demo', 'create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2'],
    out: 'deployment.apps/web created\n',
  },
  {
    args: ['-n', 'demo', 'create', 'serviceaccount', 'robot'],
    out: 'serviceaccount/robot created\n',
  },
  {
    args: ['-n', 'demo', 'create', 'role', 'reader', '--verb=get,list', '--resource=pods'],
    out: 'role.rbac.authorization.k8s.io/reader created\n',
  },
  {
    args: ['-n', 'demo', 'create', 'job', 'once', '--image=busybox'],
    out: 'job.batch/once created\n',
  },
  {
    args: [
      '-n',
      'demo',
      'create',
      'deployment',
      'web',
      '--image=nginx:1.27',
      '--replicas=2',
      '--dry-run=client',
      '-o',
      'yaml',
    ],
    out: /^apiVersion: apps\/v1\nkind: Deployment\nmetadata:\n {2}labels:\n {4}app: web\n {2}name: web\n {2}namespace: demo\nspec:\n {2}replicas: 2\n/,
  },
  // `create deployment web` above made it, without the last-applied annotation apply wants.
  {
    args: ['-n', 'demo', 'apply', '-f', 'web.yaml'],
    out: 'deployment.apps/web configured\n',
    err: /^Warning: resource deployments\/web is missing the kubectl\.kubernetes\.io\/last-applied-configuration annotation/,
  },
  { args: ['-n', 'demo', 'get', 'configmaps'], golden: 'get-configmaps-demo' },
  { args: ['-n', 'demo', 'get', 'deployments'], golden: 'get-deployments-demo' },
  { args: ['-n', 'demo', 'get', 'deployment', 'web', '-o', 'wide'], golden: 'get-deployment-demo-wide' },
  // --- apply: client-side, folders, server-side -----------------------------------------------
  { args: ['apply', '-f', vweb], out: 'service/vweb created\ndeployment.apps/vweb created\n' },
  { args: ['apply', '-f', vweb], out: 'service/vweb unchanged\ndeployment.apps/vweb unchanged\n' },
  { args: ['apply', '-f', join(vweb, 'update/vweb-v2.yaml')], out: 'deployment.apps/vweb configured\n' },
  { args: ['apply', '-f', 'services.yaml'], out: 'service/api created\nservice/edge created\n' },
  { args: ['get', 'services', 'api', 'edge', 'kubernetes'], golden: 'get-services' },
  { args: ['create', 'namespace', 'todo'], out: 'namespace/todo created\n' },
  {
    args: ['-n', 'todo', 'apply', '--server-side', '-f', join(ch09, 'todo-list/web')],
    out: 'configmap/todo-web-config serverside-applied\nsecret/todo-web-secret serverside-applied\nservice/todo-web serverside-applied\ndeployment.apps/todo-web serverside-applied\n',
  },
  {
    args: ['-n', 'todo', 'apply', '--server-side', '-f', join(ch09, 'todo-list/web/todo-web.yaml')],
    out: 'deployment.apps/todo-web serverside-applied\n',
  },
  {
    args: ['-n', 'todo', 'apply', '-f', join(ch09, 'todo-list/proxy')],
    out: 'configmap/todo-proxy-configmap created\nservice/todo-proxy created\ndaemonset.apps/todo-proxy created\n',
  },
  {
    args: [
      '-n',
      'todo',
      'get',
      'deployment',
      'todo-web',
      '-o',
      'jsonpath={range .metadata.managedFields[*]}{.manager}/{.operation} {end}',
    ],
    out: 'kubectl/Apply ',
  },
  { args: ['-n', 'todo', 'get', 'daemonsets'], golden: 'get-daemonsets-todo' },
  { args: ['apply', '--server-side', '-f', 'settings.yaml'], out: 'configmap/settings serverside-applied\n' },
  {
    args: ['apply', '--server-side', '--field-manager=other', '-f', 'settings-other.yaml'],
    code: 1,
    err: /Apply failed with 1 conflict: conflict with "kubectl": \.data\.mode\n/,
  },
  {
    args: [
      'apply',
      '--server-side',
      '--field-manager=other',
      '--force-conflicts',
      '-f',
      'settings-other.yaml',
    ],
    out: 'configmap/settings serverside-applied\n',
  },
  {
    args: [
      'get',
      'configmap',
      'settings',
      '-o',
      'jsonpath={.data.mode} {.metadata.managedFields[*].manager}',
    ],
    out: 'slow other',
  },
  {
    args: ['apply', '--dry-run=server', '-f', 'settings.yaml'],
    out: 'configmap/settings configured (server dry run)\n',
    err: /^Warning: resource configmaps\/settings is missing the kubectl\.kubernetes\.io\/last-applied-configuration annotation/,
  },
  { args: ['get', 'configmap', 'settings', '-o', 'jsonpath={.data.mode}'], out: 'slow' },
  // --- field validation -----------------------------------------------------------------------
  {
    args: ['create', '-f', 'unknown-field.yaml'],
    code: 1,
    err: /Error from server \(BadRequest\): error when creating "unknown-field\.yaml": ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "metadata\.colour"\n/,
  },
  {
    args: ['apply', '--validate=warn', '-f', 'unknown-field.yaml'],
    out: 'configmap/odd created\n',
    err: /^Warning: unknown field "metadata\.colour"\n$/,
  },
  { args: ['get', 'configmap', 'odd', '-o', 'jsonpath={.metadata.colour}|{.data.a}'], out: '|1' },
  {
    args: ['create', '--validate=ignore', '-f', 'unknown-field.yaml', '--dry-run=server'],
    code: 1,
    err: /\(AlreadyExists\)/,
  },
  {
    args: ['apply', '--server-side', '-f', 'unknown-field.yaml'],
    code: 1,
    err: /Error from server: failed to create typed patch object \(default\/odd; \/v1, Kind=ConfigMap\): \.metadata\.colour: field not declared in schema\n/,
  },
  // --- get ------------------------------------------------------------------------------------
  { args: ['get', 'deployments', '-o', 'wide'], golden: 'get-deployments-wide' },
  {
    args: ['get', 'deployment', 'vweb', '-o', 'yaml'],
    out: /^apiVersion: apps\/v1\nkind: Deployment\nmetadata:\n {2}annotations:\n {4}deployment\.kubernetes\.io\/revision|kubectl\.kubernetes\.io\/last-applied-configuration/,
  },
  { args: ['get', 'deployment', 'vweb', '-o', 'json'], out: /"image": "kiamol\/ch09-vweb:v2"/ },
  { args: ['get', 'deployment', 'vweb', '-o', 'name'], out: 'deployment.apps/vweb\n' },
  {
    args: [
      'get',
      'deployments',
      '-o',
      'custom-columns=NAME:.metadata.name,REPLICAS:.spec.replicas,IMAGE:.spec.template.spec.containers[0].image',
    ],
    golden: 'get-deployments-custom-columns',
  },
  {
    args: ['get', 'deployment', 'vweb', '-o', 'jsonpath={.spec.template.metadata.labels.version}'],
    out: 'v2',
  },
  { args: ['get', 'services', '-l', 'tier=backend', '-o', 'name'], out: 'service/api\n' },
  { args: ['get', 'services', '-l', 'tier!=backend,kiamol', '-o', 'name'], out: 'service/vweb\n' },
  {
    args: ['get', 'services', '--field-selector', 'metadata.name=edge', '-o', 'name'],
    out: 'service/edge\n',
  },
  { args: ['get', 'deployments', '-A'], golden: 'get-deployments-all-namespaces' },
  {
    args: ['get', 'configmaps', '-A', '--chunk-size=1', '-o', 'name'],
    out: 'configmap/odd\nconfigmap/settings\nconfigmap/c1\nconfigmap/todo-proxy-configmap\nconfigmap/todo-web-config\n',
  },
  {
    args: ['get', 'configmaps', '--sort-by=.metadata.name', '-o', 'name'],
    out: 'configmap/odd\nconfigmap/settings\n',
  },
  {
    args: ['get', 'configmap', 'nope'],
    code: 1,
    err: /^Error from server \(NotFound\): configmaps "nope" not found\n$/,
  },
  // --- describe, explain ----------------------------------------------------------------------
  {
    args: ['describe', 'deployment', 'vweb'],
    out: /^Name:\s+vweb\nNamespace:\s+default\n(.*\n)*Selector:\s+app=vweb\nReplicas:\s+3 desired \| 0 updated \| 0 total \| 0 available \| 0 unavailable\nStrategyType:\s+RollingUpdate\n(.*\n)* {4}Image:\s+kiamol\/ch09-vweb:v2\n(.*\n)*Events:\s+<none>\n$/,
  },
  {
    args: ['-n', 'demo', 'describe', 'configmap', 'c1'],
    out: /^Name:\s+c1\nNamespace:\s+demo\nLabels:\s+<none>\nAnnotations:\s+<none>\n\nData\n====\nx:\n----\n1\n\ny:\n----\n2\n\n\nBinaryData\n====\n\nEvents:\s+<none>\n$/,
  },
  {
    args: ['describe', 'service', 'api'],
    out: /^Name:\s+api\n(.*\n)*Type:\s+ClusterIP\n(.*\n)*IP:\s+10\.96\.100\.10\n/,
  },
  {
    args: ['explain', 'deployment.spec.replicas'],
    out: /^GROUP:\s+apps\nKIND:\s+Deployment\nVERSION:\s+v1\n\nFIELD: replicas <integer>\n/,
  },
  {
    args: ['explain', 'pods'],
    out: /^KIND:\s+Pod\nVERSION:\s+v1\n\nDESCRIPTION:\n(.*\n)*FIELDS:\n {2}apiVersion\t<string>\n/,
  },
  // --- label, annotate, patch, scale, set image -----------------------------------------------
  { args: ['label', 'configmap', 'settings', 'tier=x'], out: 'configmap/settings labeled\n' },
  {
    args: ['label', 'configmap', 'settings', 'tier=y'],
    code: 1,
    err: /'tier' already has a value \(x\), and --overwrite is false/,
  },
  { args: ['label', '--overwrite', 'configmap', 'settings', 'tier=y'], out: 'configmap/settings labeled\n' },
  { args: ['annotate', 'configmap', 'settings', 'note=hi'], out: 'configmap/settings annotated\n' },
  {
    args: ['get', 'configmaps', '-l', 'tier=y', '-o', 'jsonpath={.items[*].metadata.annotations.note}'],
    out: 'hi',
  },
  { args: ['label', 'configmap', 'settings', 'tier-'], out: 'configmap/settings unlabeled\n' },
  {
    args: ['patch', 'configmap', 'settings', '-p', '{"data":{"b":"2"}}'],
    out: 'configmap/settings patched\n',
  },
  {
    args: ['patch', 'configmap', 'settings', '--type=merge', '-p', '{"data":{"c":"3"}}'],
    out: 'configmap/settings patched\n',
  },
  {
    args: [
      'patch',
      'configmap',
      'settings',
      '--type=json',
      '-p',
      '[{"op":"add","path":"/data/d","value":"4"}]',
    ],
    out: 'configmap/settings patched\n',
  },
  {
    args: ['patch', 'configmap', 'settings', '-p', '{"data":{"b":"2"}}'],
    out: 'configmap/settings patched (no change)\n',
  },
  {
    args: [
      'patch',
      'configmap',
      'settings',
      '--type=json',
      '-p',
      '[{"op":"test","path":"/data/b","value":"9"}]',
    ],
    code: 1,
    err: /^The request is invalid: the server rejected our request due to an error in our request\n$/,
  },
  {
    args: ['get', 'configmap', 'settings', '-o', 'jsonpath={.data}'],
    out: '{"b":"2","c":"3","d":"4","mode":"slow"}',
  },
  {
    // Strategic merge: the container list merges by name, so only the image changes.
    args: [
      'patch',
      'deployment',
      'vweb',
      '-p',
      '{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"kiamol/ch09-vweb:v3"}]}}}}',
    ],
    out: 'deployment.apps/vweb patched\n',
  },
  {
    args: [
      'get',
      'deployment',
      'vweb',
      '-o',
      'jsonpath={.spec.template.spec.containers[*].image} {.spec.template.spec.containers[0].ports[0].containerPort}',
    ],
    out: 'kiamol/ch09-vweb:v3 80',
  },
  { args: ['scale', 'deployment', 'vweb', '--replicas=5'], out: 'deployment.apps/vweb scaled\n' },
  {
    args: ['scale', 'deployment', 'vweb', '--current-replicas=2', '--replicas=1'],
    code: 1,
    err: /Expected replicas to be 2, was 5/,
  },
  { args: ['get', 'deployment', 'vweb', '-o', 'jsonpath={.spec.replicas}'], out: '5' },
  {
    args: [
      'get',
      'deployment',
      'vweb',
      '--show-managed-fields',
      '-o',
      'jsonpath={.metadata.managedFields[?(@.subresource=="scale")].manager}',
    ],
    out: 'kubectl',
  },
  {
    args: ['set', 'image', 'deployment/vweb', 'web=kiamol/ch09-vweb:v4'],
    out: 'deployment.apps/vweb image updated\n',
  },
  {
    args: [
      'get',
      'deployment',
      'vweb',
      '-o',
      'jsonpath={.spec.template.spec.containers[0].image} {.metadata.generation}',
    ],
    out: 'kiamol/ch09-vweb:v4 5',
  },
  // --- diff -----------------------------------------------------------------------------------
  {
    args: ['diff', '-f', join(vweb, 'update/vweb-v11.yaml')],
    code: 1,
    out: /^- {2}replicas: 5\n\+ {2}replicas: 3\n/m,
  },
  { args: ['diff', '-f', 'services.yaml'], out: '' },
  // --- custom resources -----------------------------------------------------------------------
  {
    args: ['apply', '-f', 'crd.yaml'],
    out: 'customresourcedefinition.apiextensions.k8s.io/widgets.example.com created\n',
  },
  {
    args: ['wait', '--for=condition=Established', 'crd/widgets.example.com', '--timeout=10s'],
    out: 'customresourcedefinition.apiextensions.k8s.io/widgets.example.com condition met\n',
  },
  { args: ['apply', '-f', 'widget.yaml'], out: 'widget.example.com/w1 created\n' },
  { args: ['get', 'widgets'], golden: 'get-widgets' },
  { args: ['get', 'wd', 'w1', '-o', 'jsonpath={.spec.colour}'], out: 'red' },
  {
    args: ['patch', 'widget', 'w1', '--type=merge', '-p', '{"spec":{"size":4}}'],
    out: 'widget.example.com/w1 patched\n',
  },
  {
    args: ['delete', 'crd', 'widgets.example.com'],
    out: 'customresourcedefinition.apiextensions.k8s.io "widgets.example.com" deleted\n',
  },
  // --- watch and wait -------------------------------------------------------------------------
  {
    args: ['get', 'configmaps', '--watch', '--request-timeout=3s'],
    alongside: async (up) => {
      await new Promise((r) => setTimeout(r, 1000));
      await up.run(kubectlBin!, ['create', 'configmap', 'watched']);
    },
    out: /^NAME\s+DATA\s+AGE\nodd\s+1\s+\S+\nsettings\s+4\s+\S+\nwatched\s+0\s+\S+\n$/,
  },
  {
    args: ['wait', '--for=delete', 'configmap/watched', '--timeout=10s'],
    alongside: async (up) => {
      await new Promise((r) => setTimeout(r, 500));
      await up.run(kubectlBin!, ['delete', 'configmap', 'watched']);
    },
    out: 'configmap/watched condition met\n',
  },
  // --- delete ---------------------------------------------------------------------------------
  { args: ['delete', 'configmap', 'odd'], out: 'configmap "odd" deleted from default namespace\n' },
  {
    args: ['delete', '-f', 'services.yaml'],
    out: 'service "api" deleted from default namespace\nservice "edge" deleted from default namespace\n',
  },
  {
    args: ['delete', 'configmap', 'settings', '--dry-run=server'],
    out: 'configmap "settings" deleted from default namespace (server dry run)\n',
  },
  {
    args: ['delete', 'configmaps', '-l', 'tier!=none'],
    out: 'configmap "settings" deleted from default namespace\n',
  },
  {
    args: ['delete', 'deployment', 'vweb', '--grace-period=0', '--force'],
    out: 'deployment.apps "vweb" force deleted from default namespace\n',
    err: /^Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated\. The resource may continue to run on the cluster indefinitely\.\n$/,
  },
  {
    args: ['-n', 'demo', 'delete', 'configmaps', '--all'],
    out: 'configmap "c1" deleted from demo namespace\n',
  },
  {
    args: ['-n', 'todo', 'delete', 'all', '--all'],
    out: 'service "todo-proxy" deleted from todo namespace\nservice "todo-web" deleted from todo namespace\ndaemonset.apps "todo-proxy" deleted from todo namespace\ndeployment.apps "todo-web" deleted from todo namespace\n',
  },
  { args: ['-n', 'todo', 'get', 'all'], out: '', err: /^No resources found in todo namespace\.\n$/ },
  {
    args: ['delete', 'namespace', 'demo', 'todo'],
    out: 'namespace "demo" deleted\nnamespace "todo" deleted\n',
  },
  {
    args: ['-n', 'demo', 'get', 'configmaps,secrets'],
    out: '',
    err: /^No resources found in demo namespace\.\n$/,
  },
  {
    args: ['delete', 'namespace', 'default'],
    code: 1,
    err: /\(Forbidden\): namespaces "default" is forbidden: this namespace may not be deleted/,
  },
];

describe.skipIf(skip !== '')('kubectl 1.35 against bosun up', () => {
  for (const c of cases) {
    (c.gap ? test.fails : test)(
      c.gap ? `${c.args.join(' ')} [known gap: ${c.gap}]` : c.args.join(' '),
      async () => {
        const pending = c.alongside?.(up);
        const result = await up.run(kubectlBin!, c.args, { timeoutMs: 20_000 });
        await pending;
        expect(result.code, result.stderr).toBe(c.code ?? 0);
        if (typeof c.out === 'string') expect(result.stdout).toBe(c.out);
        else if (c.out) expect(result.stdout).toMatch(c.out);
        if (c.golden) {
          const path = join(testdata, `${c.golden}.txt`);
          // E2E_RECORD=1 writes a missing golden file, to be checked by hand against a real cluster's output.
          if (process.env.E2E_RECORD && !existsSync(path)) writeFileSync(path, normaliseAges(result.stdout));
          expect(normaliseAges(result.stdout)).toBe(readFileSync(path, 'utf8'));
        }
        if (c.err) expect(result.stderr).toMatch(c.err);
        else if ((c.code ?? 0) === 0) expect(result.stderr).toBe('');
      },
    );
  }
});
