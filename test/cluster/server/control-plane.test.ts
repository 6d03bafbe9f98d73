// The assembly: certificates, kubeconfig, and persistence across restarts.

import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { startControlPlane } from '../../../src/cluster/index.ts';
import { kubeSelectors } from '../../../src/cluster/server/index.ts';
import { client } from './client.ts';

const dir = mkdtempSync(join(tmpdir(), 'bosun-cp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('control plane', () => {
  test('restart with the same data directory keeps objects, resourceVersions and credentials', async () => {
    const first = await startControlPlane({ port: 0, dataDir: dir });
    const api = client(first.port, first.caPem, first.token);
    const created = await api.call('POST', '/api/v1/namespaces/default/configmaps', {
      body: { metadata: { name: 'kept' }, data: { a: 'b' } },
    });
    expect(created.status).toBe(201);
    await first.stop();

    const second = await startControlPlane({ port: 0, dataDir: dir });
    expect(second.token).toBe(first.token);
    expect(second.caPem).toBe(first.caPem);
    const again = await client(second.port, second.caPem, second.token).call(
      'GET',
      '/api/v1/namespaces/default/configmaps/kept',
    );
    expect(again.json).toEqual(created.json);
    await second.stop();
  });

  test('kubeconfig names the server, the CA and the token; secrets are owner-only', async () => {
    const plane = await startControlPlane({ port: 0, dataDir: dir });
    const config = parse(readFileSync(plane.kubeconfigPath!, 'utf8'));
    expect(config['current-context']).toBe('bosun');
    expect(config.clusters[0].cluster.server).toBe(plane.url);
    expect(Buffer.from(config.clusters[0].cluster['certificate-authority-data'], 'base64').toString()).toBe(
      plane.caPem,
    );
    expect(config.users[0].user.token).toBe(plane.token);
    expect(statSync(plane.kubeconfigPath!).mode & 0o077).toBe(0);
    expect(statSync(join(dir, 'tls', 'ca.key')).mode & 0o077).toBe(0);
    const serving = new X509Certificate(readFileSync(join(dir, 'tls', 'serving.crt')));
    expect(serving.checkIssued(new X509Certificate(plane.caPem))).toBe(true);
    expect(serving.subjectAltName).toContain('IP Address:127.0.0.1');
    await plane.stop();
  });
});

describe('label selectors through the wiring', () => {
  const labels = { app: 'web', tier: 'front', n: '5' };
  const cases: [string, boolean][] = [
    ['', true],
    ['app', true],
    ['!app', false],
    ['app=web', true],
    ['app==web,tier=front', true],
    ['app!=web', false],
    ['app in (web, api)', true],
    ['tier notin (front)', false],
    ['missing notin (x)', true],
    ['n>4', true],
    ['n<5', false],
  ];
  test.each(cases)('%s', (selector, matches) =>
    expect(kubeSelectors.labelSelector(selector)(labels)).toBe(matches),
  );
  test('malformed', () =>
    expect(() => kubeSelectors.labelSelector('a=(b')).toThrow(/unable to parse requirement/));
});
