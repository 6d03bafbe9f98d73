// The actions without a cluster (records in memory, `--dry-run=client` rendering) and kstatus's
// readiness verdicts the waiter uses.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadChart } from '../../src/chart/index.ts';
import {
  configuration,
  Install,
  listReleases,
  MemoryDriver,
  objectStatus,
  type Release,
  releaseValues,
  Storage,
  Uninstall,
} from '../../src/release/index.ts';

const hooked = join(import.meta.dirname, '../cli/helm/testdata/hooked');

function memoryConfig(namespace = 'default') {
  const warnings: string[] = [];
  const cfg = configuration(new Storage(new MemoryDriver(namespace)), undefined, (m) => warnings.push(m));
  cfg.now = () => '2026-11-25T10:00:00Z';
  return { cfg, warnings };
}

describe('install --dry-run=client', () => {
  test('renders the release without a cluster: manifest, hooks by path, notes, user values kept', async () => {
    const { cfg } = memoryConfig();
    const rel = await new Install(cfg, { releaseName: 'demo', dryRun: 'client' }).run(loadChart(hooked), {
      message: 'hi',
    });
    expect(rel.info.description).toBe('Dry run complete');
    expect(rel.info.status).toBe('pending-install');
    expect(rel.manifest).toContain('# Source: hooked/templates/cm.yaml');
    expect(rel.manifest).toContain('message: "hi"');
    expect(rel.hooks.map((h) => [h.path, h.events, h.weight])).toEqual([
      ['hooked/templates/post.yaml', ['post-install'], -1],
      ['hooked/templates/pre.yaml', ['pre-install', 'pre-delete'], 5],
      ['hooked/templates/test.yaml', ['test'], 0],
    ]);
    expect(rel.info.notes).toBe('Thanks for installing hooked as demo.\n\n  Message: hi\n');
    expect(rel.config).toEqual({ message: 'hi' });
    expect(releaseValues(rel, true)).toMatchObject({ message: 'hi', keep: false });
  });

  const nameCases: { name: string; error: string }[] = [
    { name: 'Bad_Name', error: 'release name check failed: release name "Bad_Name": invalid release name' },
    { name: 'x'.repeat(54), error: 'and the length must not be longer than 53' },
    { name: '', error: 'release name "": no name provided' },
  ];
  test.each(nameCases)('refuses the release name $name', async ({ name, error }) => {
    const { cfg, warnings } = memoryConfig();
    await expect(
      new Install(cfg, { releaseName: name, dryRun: 'client' }).run(loadChart(hooked), {}),
    ).rejects.toThrow(error);
    expect(warnings[0]).toMatch(/^level=ERROR msg="release name check failed" error=/);
  });

  test('refuses system labels', async () => {
    const { cfg } = memoryConfig();
    const install = new Install(cfg, { releaseName: 'a', dryRun: 'client', labels: { owner: 'me' } });
    await expect(install.run(loadChart(hooked), {})).rejects.toThrow(
      'user supplied labels contains system reserved label name. System labels: [name owner status version createdAt modifiedAt]',
    );
  });
});

function record(name: string, version: number, status: string, lastDeployed: string): Release {
  return {
    name,
    namespace: 'default',
    version,
    info: { lastDeployed, description: '', status, notes: '' },
    chart: { metadata: { name: 'c', version: '1' } },
    config: null,
    manifest: '',
    hooks: [],
    labels: {},
  };
}

describe('list and uninstall over memory records', () => {
  const seed = async () => {
    const { cfg } = memoryConfig();
    for (const r of [
      record('b', 1, 'superseded', '2026-01-01T00:00:01Z'),
      record('b', 2, 'deployed', '2026-01-01T00:00:05Z'),
      record('a', 1, 'failed', '2026-01-01T00:00:09Z'),
      record('c', 1, 'uninstalled', '2026-01-01T00:00:03Z'),
      record('d', 1, 'pending-install', '2026-01-01T00:00:02Z'),
    ])
      await cfg.storage.create(r);
    return cfg;
  };
  const base = {
    byDate: false,
    reverse: false,
    limit: 256,
    offset: 0,
    filter: '',
    selector: '',
    states: [] as string[],
  };
  const cases: { name: string; options: Partial<typeof base>; expected: string[] }[] = [
    {
      name: 'latest revision of each, every state but superseded, by name',
      options: {},
      expected: ['a.1', 'b.2', 'c.1', 'd.1'],
    },
    { name: 'by date', options: { byDate: true }, expected: ['d.1', 'c.1', 'b.2', 'a.1'] },
    { name: 'reversed', options: { reverse: true }, expected: ['d.1', 'c.1', 'b.2', 'a.1'] },
    {
      name: 'superseded alone shows every revision that is',
      options: { states: ['superseded'] },
      expected: ['b.1'],
    },
    {
      name: 'pending',
      options: { states: ['pending-install', 'pending-upgrade', 'pending-rollback'] },
      expected: ['d.1'],
    },
    { name: 'filter', options: { filter: '^[ab]' }, expected: ['a.1', 'b.2'] },
    { name: 'offset and max', options: { offset: 1, limit: 2 }, expected: ['b.2', 'c.1'] },
    { name: 'offset past the end', options: { offset: 9 }, expected: [] },
  ];
  test.each(cases)('list: $name', async ({ options, expected }) => {
    const rels = await listReleases(await seed(), { ...base, ...options });
    expect(rels.map((r) => `${r.name}.${r.version}`)).toEqual(expected);
  });

  test('uninstall --keep-history supersedes the deployed revision and keeps the record', async () => {
    const cfg = await seed();
    const res = await new Uninstall(cfg, { keepHistory: true }).run('b');
    expect(res.release?.info.status).toBe('uninstalled');
    expect((await cfg.storage.get('b', 2)).info.description).toBe('Uninstallation complete');
    await expect(new Uninstall(cfg, { keepHistory: true }).run('b')).rejects.toThrow(
      'the release named "b" is already deleted',
    );
    // without --keep-history an uninstalled release is purged
    await new Uninstall(cfg).run('b');
    await expect(cfg.storage.history('b')).rejects.toThrow('release: not found');
  });
});

const statusCases: {
  name: string;
  object: Record<string, any> | undefined;
  current: boolean;
  message: string;
}[] = [
  { name: 'missing', object: undefined, current: false, message: 'Resource not found' },
  {
    name: 'deployment rolling',
    object: {
      kind: 'Deployment',
      metadata: { generation: 2 },
      spec: { replicas: 3 },
      status: {
        observedGeneration: 2,
        updatedReplicas: 3,
        replicas: 3,
        availableReplicas: 1,
        readyReplicas: 1,
      },
    },
    current: false,
    message: 'Available: 1/3',
  },
  {
    name: 'deployment not observed yet',
    object: { kind: 'Deployment', metadata: { generation: 2 }, spec: {}, status: { observedGeneration: 1 } },
    current: false,
    message: 'Deployment generation is 2, but latest observed generation is 1',
  },
  {
    name: 'deployment ready',
    object: {
      kind: 'Deployment',
      metadata: { generation: 1 },
      spec: { replicas: 1 },
      status: {
        observedGeneration: 1,
        updatedReplicas: 1,
        replicas: 1,
        availableReplicas: 1,
        readyReplicas: 1,
      },
    },
    current: true,
    message: 'Deployment is ready. Replicas: 1',
  },
  {
    name: 'job complete',
    object: { kind: 'Job', status: { conditions: [{ type: 'Complete', status: 'True' }] } },
    current: true,
    message: 'Job Completed.',
  },
  {
    name: 'pending load balancer',
    object: { kind: 'Service', spec: { type: 'LoadBalancer' }, status: {} },
    current: false,
    message: 'Pending load balancer',
  },
  { name: 'configmap', object: { kind: 'ConfigMap' }, current: true, message: 'Resource is current' },
];

test.each(statusCases)('readiness: $name', ({ object, current, message }) => {
  const s = objectStatus(object);
  expect([s.current, s.message]).toEqual([current, message]);
});
