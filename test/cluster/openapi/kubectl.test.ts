/**
 * Real kubectl 1.35 against a tiny HTTP server that serves only legacy discovery and our OpenAPI
 * documents: `explain` must read them, and `create -f` must find fieldValidation on PATCH and leave
 * validation to the server.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_RESOURCES, OpenAPI } from '../../../src/cluster/openapi/index.ts';
import { REFERENCE_DIR } from '../../support/reference-bins.ts';

const KUBECTL = join(REFERENCE_DIR, 'kubectl');
const haveKubectl = existsSync(KUBECTL);
if (!haveKubectl) console.log(`skipping kubectl OpenAPI tests: ${KUBECTL} not found`);

type Json = Record<string, any>;

function discovery(): { groups: Json; lists: Map<string, Json> } {
  const lists = new Map<string, Json>();
  const groups = new Map<string, string[]>();
  for (const r of BUILTIN_RESOURCES) {
    const gv = r.group === '' ? r.version : `${r.group}/${r.version}`;
    const path = r.group === '' ? `/api/${r.version}` : `/apis/${gv}`;
    const list = lists.get(path) ?? {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: gv,
      resources: [],
    };
    list.resources.push({
      name: r.plural,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs,
      shortNames: r.shortNames,
      categories: r.categories,
    });
    lists.set(path, list);
    if (r.group !== '') groups.set(r.group, [...new Set([...(groups.get(r.group) ?? []), r.version])]);
  }
  const groupList = {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...groups].map(([name, versions]) => ({
      name,
      versions: versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v })),
      preferredVersion: { groupVersion: `${name}/${versions[0]}`, version: versions[0] },
    })),
  };
  return { groups: groupList, lists };
}

interface Fixture {
  url: string;
  dir: string;
  posts: { path: string; query: string; body: string }[];
  close(): void;
}

async function startServer(openapi: OpenAPI, transform: (doc: Json) => Json = (d) => d): Promise<Fixture> {
  const { groups, lists } = discovery();
  const posts: Fixture['posts'] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (code: number, body: unknown) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      if (req.method === 'POST') {
        posts.push({ path: url.pathname, query: url.search, body });
        return send(201, JSON.parse(body));
      }
      if (url.pathname === '/api')
        return send(200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] });
      if (url.pathname === '/apis') return send(200, groups);
      if (lists.has(url.pathname)) return send(200, lists.get(url.pathname));
      if (url.pathname === '/version') return send(200, { major: '1', minor: '35', gitVersion: 'v1.35.0' });
      if (url.pathname === '/openapi/v3') return send(200, openapi.openapiV3Index());
      if (url.pathname.startsWith('/openapi/v3/')) {
        const doc = openapi.openapiV3(url.pathname.slice('/openapi/v3/'.length));
        return doc ? send(200, transform(structuredClone(doc))) : send(404, {});
      }
      send(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const dir = mkdtempSync(join(tmpdir(), 'bosun-openapi-'));
  writeFileSync(
    join(dir, 'kubeconfig'),
    `apiVersion: v1\nkind: Config\nclusters:\n- name: t\n  cluster:\n    server: http://127.0.0.1:${port}\ncontexts:\n- name: t\n  context: {cluster: t, user: u, namespace: default}\ncurrent-context: t\nusers:\n- name: u\n  user: {}\n`,
  );
  return {
    url: `http://127.0.0.1:${port}`,
    dir,
    posts,
    close() {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function kubectl(
  f: Fixture,
  args: string[],
  stdin?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      KUBECTL,
      [`--kubeconfig=${join(f.dir, 'kubeconfig')}`, `--cache-dir=${join(f.dir, 'cache')}`, ...args],
      { timeout: 30000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as any).code ?? 1) : 0, stdout, stderr }),
    );
    if (stdin !== undefined) child.stdin?.end(stdin);
  });
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: web}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 25%}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports: [{containerPort: 80, protocol: TCP}]
        resources: {limits: {cpu: 500m, memory: 128Mi}}
`;

describe.skipIf(!haveKubectl)('real kubectl against our OpenAPI', () => {
  let server: Fixture;
  beforeAll(async () => {
    const openapi = new OpenAPI();
    server = await startServer(openapi);
  });
  afterAll(() => {
    server?.close();
  });

  it('explain deployment.spec.strategy', async () => {
    const r = await kubectl(server, ['explain', 'deployment.spec.strategy']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('GROUP:      apps');
    expect(r.stdout).toContain('KIND:       Deployment');
    expect(r.stdout).toContain('FIELD: strategy <DeploymentStrategy>');
    expect(r.stdout).toMatch(/rollingUpdate\s+<RollingUpdateDeployment>/);
    expect(r.stdout).toMatch(/type\s+<string>/);
  });

  it('explain --recursive walks a deep kind', async () => {
    const r = await kubectl(server, ['explain', 'pods.spec.containers', '--recursive']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/name\s+<string> -required-/);
    expect(r.stdout).toMatch(/containerPort\s+<integer> -required-/);
  });

  it('create -f leaves validation to the server (fieldValidation=Strict)', async () => {
    const r = await kubectl(server, ['create', '-f', '-'], DEPLOYMENT);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('deployment.apps/web created');
    expect(server.posts.at(-1)?.query).toContain('fieldValidation=Strict');
  });

  it('explain prints our descriptions', async () => {
    const r = await kubectl(server, ['explain', 'deployment.spec.strategy.rollingUpdate.maxSurge']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('FIELD: maxSurge <IntOrString>');
    expect(r.stdout).toContain('Pods that may be created above the desired count');
  });
});
