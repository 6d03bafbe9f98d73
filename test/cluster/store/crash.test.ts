// Crash safety: a child process writes a burst and is SIGKILLed mid-burst;
// every write it acknowledged must be in the reopened store, and the
// revisions must form one gap-free sequence.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore, SqliteLog, type StoredObject } from '../../../src/cluster/store/index.ts';

const writer = fileURLToPath(new URL('./fixtures/crash-writer.ts', import.meta.url));
const tsxLoader = createRequire(import.meta.url).resolve('tsx');

interface Ack {
  name: string;
  rv: number;
  counter?: string;
}

/** Runs the writer until it has acknowledged `acks` writes, then SIGKILLs it. */
function writeUntilKilled(path: string, synchronous: string, acks: number): Promise<Ack[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', tsxLoader, writer, path, synchronous], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const seen: Ack[] = [];
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const [, name, rv, counter] = line.split(' ');
        seen.push({ name, rv: Number(rv), counter });
      }
      if (seen.length >= acks) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(seen);
      else reject(new Error(`writer exited on its own (code ${code}): ${stderr}`));
    });
  });
}

describe('crash safety (SQLite file)', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['full', 'normal'])(
    'synchronous=%s: every acknowledged write survives SIGKILL',
    async (synchronous) => {
      dir = mkdtempSync(join(tmpdir(), 'bosun-crash-'));
      const path = join(dir, 'store.db');
      const acks = await writeUntilKilled(path, synchronous, 300);
      expect(acks.length).toBeGreaterThanOrEqual(300);

      const store = openSqliteStore({ path, compaction: false });
      try {
        const head = store.currentRevision();
        const objects: StoredObject[] = [];
        for (const resource of ['configmaps', 'secrets']) objects.push(...(await store.list(resource)).items);
        const byName = new Map(objects.map((o) => [o.metadata?.name as string, o]));
        for (const ack of acks) {
          expect(ack.rv).toBeLessThanOrEqual(head);
          if (ack.name !== 'counter')
            expect(byName.get(ack.name)?.metadata?.resourceVersion).toBe(String(ack.rv));
        }
        // The counter holds at least the last acknowledged increment (later ones may have committed unacknowledged).
        const counterAcks = acks.filter((a) => a.name === 'counter' && a.counter !== undefined);
        const counter = byName.get('counter')!;
        expect(Number((counter.data as { n: string }).n)).toBeGreaterThanOrEqual(
          Number(counterAcks.at(-1)!.counter),
        );
        // One gap-free sequence of log rows 1..head, each object stamped with its row's revision.
        const log = new SqliteLog({ path });
        const rows = log.changes(0, head, undefined);
        log.close();
        expect(rows.map((r) => r.rv)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
        for (const row of rows) expect(JSON.parse(row.value).metadata.resourceVersion).toBe(String(row.rv));
        // The store keeps working after the crash, continuing the sequence.
        const next = await store.create(
          { resource: 'configmaps', namespace: 'default', name: 'after' },
          {
            metadata: { name: 'after' },
          },
        );
        expect(next.metadata?.resourceVersion).toBe(String(head + 1));
      } finally {
        await store.close();
      }
    },
  );
});
