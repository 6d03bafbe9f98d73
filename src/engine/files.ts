/**
 * `.Files`: the chart's non-template files as Helm's engine.files (a map[string][]byte with
 * methods Get, GetBytes, Glob, Lines, AsConfig, AsSecrets).
 */
import type { ChartFile } from '../chart/index.ts';
import { compileFilesGlob } from '../chart/index.ts';
import { GO, type GoObject, type GoObjectInfo, sliceOf, sortedKeys, TypedInt } from '../template/index.ts';

const decoder = new TextDecoder();

/** A Go []byte in the value model: a []uint8 slice. */
export function goBytes(data: Uint8Array): TypedInt[] {
  return sliceOf(
    'uint8',
    Array.from(data, (b) => new TypedInt('uint8', BigInt(b))),
  );
}

/** How `.Files.AsConfig`/`AsSecrets` serialize a map[string]string (Helm's toYAML). */
export type YamlEncoder = (m: Record<string, string>) => string;

export class ChartFiles implements GoObject {
  readonly [GO]: GoObjectInfo;

  constructor(
    private readonly entries: Map<string, Uint8Array>,
    private readonly toYaml: YamlEncoder,
  ) {
    this[GO] = {
      type: 'engine.files',
      kind: 'map',
      method: (name) => this.method(name),
      field: (name) => ({
        found: true,
        value: this.entries.has(name) ? goBytes(this.entries.get(name)!) : undefined,
      }),
      isZero: () => this.entries.size === 0,
      entries: () => this.names().map((k) => [k, goBytes(this.entries.get(k)!)]),
      elemType: '[]uint8',
    };
  }

  static of(files: ChartFile[], toYaml: YamlEncoder): ChartFiles {
    return new ChartFiles(new Map(files.map((f) => [f.name, f.data])), toYaml);
  }

  /** File names in Go's map iteration order for range. */
  names(): string[] {
    const o: Record<string, true> = {};
    for (const k of this.entries.keys()) o[k] = true;
    return sortedKeys(o);
  }

  /** Entries as a plain map name -> []byte, for executors that range over `.Files`. */
  asMap(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const k of this.names()) out[k] = goBytes(this.entries.get(k)!);
    return out;
  }

  private method(name: string): ((...args: unknown[]) => unknown) | undefined {
    switch (name) {
      case 'Get':
        return (n) => this.get(String(n));
      case 'GetBytes':
        return (n) => goBytes(this.entries.get(String(n)) ?? new Uint8Array());
      case 'Glob':
        return (p) => this.glob(String(p));
      case 'Lines':
        return (p) => this.lines(String(p));
      case 'AsConfig':
        return () => this.asConfig();
      case 'AsSecrets':
        return () => this.asSecrets();
    }
    return undefined;
  }

  get(name: string): string {
    const d = this.entries.get(name);
    return d ? decoder.decode(d) : '';
  }

  /** gobwas/glob with '/' as separator; a pattern that does not compile matches everything. */
  glob(pattern: string): ChartFiles {
    const re = compileFilesGlob(pattern) ?? /^.*$/s;
    const out = new Map<string, Uint8Array>();
    for (const [k, v] of this.entries) if (re.test(k)) out.set(k, v);
    return new ChartFiles(out, this.toYaml);
  }

  lines(path: string): string[] {
    const d = this.entries.get(path);
    if (!d) return sliceOf('string', []);
    let s = decoder.decode(d);
    if (s.endsWith('\n')) s = s.slice(0, -1);
    return sliceOf('string', s.split('\n'));
  }

  /** Base names to contents; a later file with the same base name wins, in Go's random map order. */
  asConfig(): string {
    const m: Record<string, string> = {};
    for (const k of this.names()) m[baseName(k)] = decoder.decode(this.entries.get(k)!);
    return this.toYaml(m);
  }

  asSecrets(): string {
    const m: Record<string, string> = {};
    for (const k of this.names()) m[baseName(k)] = Buffer.from(this.entries.get(k)!).toString('base64');
    return this.toYaml(m);
  }
}

function baseName(p: string): string {
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return p === '' ? '.' : '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}
