// Assembles a running API server: the object store (SQLite under the data
// directory, or memory), credentials, the resource catalog, the built-in
// namespaces, and the HTTPS listener; writes the kubeconfig that points at it.

import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Clock, RealClock, ScaledClock } from '../clock.ts';
import { ControllerManager, defaultStorageClass } from '../controllers/index.ts';
import { Kubelet, NodeLifecycleController, Scheduler, TaintEvictionController } from '../kubelet/index.ts';
import { OpenAPI } from '../openapi/index.ts';
import { resources } from '../registry/index.ts';
import type { ResourceStrategy } from '../registry/types.ts';
import { isStoreError, openMemoryStore, openSqliteStore, SqliteLog, type Store } from '../store/index.ts';
import { startTimelines, type Timelines } from '../timeline/index.ts';
import { ResourceCatalog } from './catalog.ts';
import { CustomResources, establishingCrdStrategy } from './crds.ts';
import { type Credentials, loadOrCreateCredentials, newCredentials } from './credentials.ts';
import type { OpenApi, Patcher, ProtobufCodec, Selectors } from './deps.ts';
import { ApiServer, type VersionInfo } from './http.ts';
import { InProcessClient } from './in-process-client.ts';
import { mergeKubeconfig, writeKubeconfig } from './kubeconfig.ts';
import { systemNamespaces, timestamp } from './rest.ts';
import { reviewRoutes } from './reviews.ts';
import { kubePatcher, kubeSelectors, openapiOf, registryProtobuf } from './wiring.ts';

export interface ControlPlaneOptions {
  /** 0 picks a free port. Default 6443. */
  port?: number;
  /** Where the database, credentials and default kubeconfig live. Required unless inMemory. */
  dataDir?: string;
  /** Keep objects in memory only (credentials too, unless a dataDir is given). */
  inMemory?: boolean;
  /** Where to write the kubeconfig; default `<dataDir>/kubeconfig`. None is written without either. */
  kubeconfig?: string;
  /** Also add the `bosun` context to this kubeconfig (e.g. ~/.kube/config). */
  mergeInto?: string;
  /** Cluster time runs this many times faster than real time. */
  timeScale?: number;
  clock?: Clock;
  /** Extra or replacement per-kind rules (tests); the registry room's built-in resources by default. */
  strategies?: ResourceStrategy[];
  /** Stand-ins for the other rooms (tests); the real rooms by default. */
  patcher?: Patcher;
  selectors?: Selectors;
  openapi?: OpenApi;
  protobuf?: ProtobufCodec;
  /**
   * Run the controllers, the scheduler and the kubelet (default true); false serves
   * the API alone (objects then never move, as on a cluster with no controllers).
   */
  controllers?: boolean;
  /** Simulated nodes (default 1). */
  nodes?: number;
  /** Globs on image references whose pulls fail (ErrImagePull, then ImagePullBackOff). */
  imagePullFailure?: string[];
  /** Globs on image references whose containers exit at start (CrashLoopBackOff). */
  imageCrash?: string[];
  /** Told of a control loop's failed sync (it is retried); default: ignored. */
  onControllerError?: (controller: string, key: string, err: unknown) => void;
}

export interface ControlPlane {
  url: string;
  port: number;
  token: string;
  caPem: string;
  kubeconfigPath?: string;
  store: Store;
  clock: Clock;
  catalog: ResourceCatalog;
  /** The rollout timelines recorded from the store (pods per revision over time). */
  timelines: Timelines;
  /** The control loops (undefined when started without controllers). */
  controllers?: ControllerManager;
  /** An ApiClient over the server's own REST handlers (what the control loops use). */
  client: InProcessClient;
  stop(): Promise<void>;
}

export const kubernetesVersion: VersionInfo = {
  major: '1',
  minor: '35',
  emulationMajor: '1',
  emulationMinor: '35',
  minCompatibilityMajor: '1',
  minCompatibilityMinor: '34',
  gitVersion: 'v1.35.0',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2025-12-17T00:00:00Z',
  goVersion: 'go1.25.5',
  compiler: 'gc',
  platform: 'linux/amd64',
};

/** The registry's built-in resources (CRDs established on write), then `strategies` over them. */
export function defaultCatalog(clock: Clock, strategies: ResourceStrategy[] = []): ResourceCatalog {
  const catalog = new ResourceCatalog(
    resources().map((s) =>
      s.info.group === 'apiextensions.k8s.io' && s.info.plural === 'customresourcedefinitions'
        ? establishingCrdStrategy(s, () => timestamp(clock))
        : s,
    ),
  );
  for (const s of strategies) catalog.add(s);
  return catalog;
}

async function createOnce(store: Store, key: Parameters<Store['create']>[0], obj: Record<string, unknown>) {
  try {
    await store.create(key, obj);
  } catch (err) {
    if (!isStoreError(err, 'AlreadyExists')) throw err;
  }
}

/** What every cluster has from the start: the system namespaces, the `kubernetes` Service and the default StorageClass. */
async function ensureSystemObjects(store: Store, clock: Clock): Promise<void> {
  for (const name of systemNamespaces) {
    await createOnce(
      store,
      { resource: 'namespaces', name },
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name,
          uid: randomUUID(),
          creationTimestamp: timestamp(clock),
          labels: { 'kubernetes.io/metadata.name': name },
        },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      },
    );
  }
  // The API server's own Service, first address of the default service range (10.96.0.0/12).
  await createOnce(
    store,
    { resource: 'services', namespace: 'default', name: 'kubernetes' },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        uid: randomUUID(),
        creationTimestamp: timestamp(clock),
        labels: { component: 'apiserver', provider: 'kubernetes' },
      },
      spec: {
        clusterIP: '10.96.0.1',
        clusterIPs: ['10.96.0.1'],
        internalTrafficPolicy: 'Cluster',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
        sessionAffinity: 'None',
        type: 'ClusterIP',
      },
      status: { loadBalancer: {} },
    },
  );
  // kind's default StorageClass (`standard`, rancher.io/local-path, WaitForFirstConsumer).
  await createOnce(
    store,
    { resource: 'storageclasses.storage.k8s.io', name: 'standard' },
    defaultStorageClass(randomUUID(), timestamp(clock)),
  );
}

/**
 * kube-controller-manager, kube-scheduler and the kubelet of every simulated node, each
 * writing through the API with its own field manager, on the cluster clock.
 */
async function startLoops(
  client: InProcessClient,
  clock: Clock,
  options: ControlPlaneOptions,
): Promise<ControllerManager> {
  const manager = new ControllerManager(client, clock, { onError: options.onControllerError });
  manager.addWorkloadControllers();
  const as = (userAgent: string) => ({ ...manager.context, client: client.as(userAgent) });
  manager.add(new Scheduler(as('kube-scheduler/v1.35.0')));
  manager.add(new TaintEvictionController(manager.context));
  manager.add(new NodeLifecycleController(manager.context));
  const kubelet = manager.add(
    new Kubelet(as('kubelet/v1.35.0'), {
      nodes: options.nodes,
      imagePullFailure: options.imagePullFailure,
      imageCrash: options.imageCrash,
    }),
  );
  await kubelet.registerNodes();
  await manager.start();
  return manager;
}

/**
 * The cluster time of the newest write in a database left by an earlier run (undefined when
 * there is none). A scaled clock runs ahead of the wall clock, so a restart must not go back
 * to wall time: objects would carry timestamps from the "future" and grace periods, back-offs
 * and ages computed from them would stretch.
 */
function lastWriteTime(path: string): number | undefined {
  if (!existsSync(path)) return undefined;
  const log = new SqliteLog({ path });
  try {
    const revision = log.revision();
    // The newest rows (a compaction may have removed the very last one, a tombstone).
    const rows = log.changes(Math.max(0, revision - 100), revision, undefined);
    return rows.length === 0 ? undefined : Math.max(...rows.map((r) => r.ts));
  } finally {
    log.close();
  }
}

/** Real or scaled time that never starts before `notBefore` (the last run's newest write). */
export function clusterClock(timeScale: number | undefined, notBefore: number | undefined): Clock {
  const scale = timeScale && timeScale > 0 ? timeScale : 1;
  const wall = Date.now();
  if (notBefore !== undefined && notBefore >= wall) return new ScaledClock(scale, notBefore + 1);
  return scale !== 1 ? new ScaledClock(scale) : new RealClock();
}

const portFile = 'port';

/** The port an earlier run on this data directory listened on, so kubeconfigs (and clients mid-watch) stay valid. */
function rememberedPort(dataDir: string | undefined): number | undefined {
  if (!dataDir) return undefined;
  try {
    const port = Number(readFileSync(join(dataDir, portFile), 'utf8').trim());
    return Number.isInteger(port) && port > 0 && port <= 65535 ? port : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Listens on `port`; for port 0 (any free port) a restart on the same data directory takes the
 * port of the last run again when it is free, as a restarted kind node keeps its address.
 */
async function listenOn(server: ApiServer, port: number, dataDir: string | undefined): Promise<number> {
  const previous = port === 0 ? rememberedPort(dataDir) : undefined;
  let bound: number | undefined;
  if (previous !== undefined) {
    try {
      bound = await server.listen(previous);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EADDRINUSE' && code !== 'EACCES') throw err;
    }
  }
  if (bound !== undefined) {
    // A client of the last run in this same process (tests restart in-process) may hold a
    // keep-alive connection to this port whose end it has not read yet: let pending I/O run
    // once so it drops that connection instead of sending its next request down it.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
  }
  bound ??= await server.listen(port);
  if (dataDir) writeFileSync(join(dataDir, portFile), `${bound}\n`, { mode: 0o600 });
  return bound;
}

export async function startControlPlane(options: ControlPlaneOptions): Promise<ControlPlane> {
  if (!options.inMemory && !options.dataDir)
    throw new Error('a data directory is required unless the cluster is in memory');
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const dbPath = options.inMemory ? undefined : join(options.dataDir!, 'state.db');
  const clock = options.clock ?? clusterClock(options.timeScale, dbPath ? lastWriteTime(dbPath) : undefined);
  const store = dbPath ? openSqliteStore({ path: dbPath, clock }) : openMemoryStore({ clock });
  let server: ApiServer | undefined;
  let manager: ControllerManager | undefined;
  let timelines: Timelines | undefined;
  try {
    const credentials: Credentials = options.dataDir
      ? loadOrCreateCredentials(options.dataDir, new Date())
      : newCredentials(new Date());
    await ensureSystemObjects(store, clock);
    const catalog = defaultCatalog(clock, options.strategies);
    // One OpenAPI room per server: CRDs add their schemas to it.
    const openapiRoom = options.openapi ? undefined : new OpenAPI();
    const customResources = new CustomResources(catalog, store, openapiRoom);
    await customResources.load();
    timelines = await startTimelines({
      store,
      clock,
      dataDir: options.inMemory ? undefined : options.dataDir,
    });
    server = new ApiServer({
      store,
      clock,
      catalog,
      selectors: options.selectors ?? kubeSelectors,
      patcher: options.patcher ?? kubePatcher,
      openapi: options.openapi ?? openapiOf(openapiRoom!),
      protobuf: options.protobuf ?? registryProtobuf,
      afterWrite: (info, obj, change) => customResources.changed(info, obj, change),
      token: credentials.token,
      tls: { certPem: credentials.serving.certPem, keyPem: credentials.serving.keyPem },
      version: kubernetesVersion,
      routes: [timelines.route, reviewRoutes(clock)],
    });
    const client = new InProcessClient({ handlers: server.handlers, catalog, store });
    if (options.controllers !== false) {
      manager = await startLoops(client, clock, options);
    }
    const port = await listenOn(server, options.port ?? 6443, options.inMemory ? undefined : options.dataDir);
    const url = `https://127.0.0.1:${port}`;
    const kubeconfigPath =
      options.kubeconfig ?? (options.dataDir ? join(options.dataDir, 'kubeconfig') : undefined);
    const params = { server: url, caPem: credentials.ca.certPem, token: credentials.token };
    if (kubeconfigPath) writeKubeconfig(kubeconfigPath, params);
    if (options.mergeInto) mergeKubeconfig(options.mergeInto, params);
    const running = server;
    const loops = manager;
    const recorded = timelines;
    return {
      url,
      port,
      token: credentials.token,
      caPem: credentials.ca.certPem,
      kubeconfigPath,
      store,
      clock,
      catalog,
      timelines: recorded,
      controllers: loops,
      client,
      async stop() {
        loops?.stop();
        await running.close();
        await recorded.stop();
        await store.close();
      },
    };
  } catch (err) {
    manager?.stop();
    await server?.close();
    await timelines?.stop();
    await store.close();
    throw err;
  }
}
