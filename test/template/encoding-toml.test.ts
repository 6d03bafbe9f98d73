/** BurntSushi/toml layout rules beyond the recorded template cases. */
import { expect, test } from 'vitest';
import { decodeToml, encodeToml } from '../../src/template/encoding/toml.ts';
import { int64 } from '../../src/template/value.ts';

test('plain keys come before sub-tables, which nest with indentation', () => {
  const v = decodeToml('z = 1\n[b]\ny = "s"\n[b.c]\nx = [1, 2]\n[a]\nw = true\n');
  expect(encodeToml(v)).toBe('z = 1\n\n[a]\n  w = true\n\n[b]\n  y = "s"\n  [b.c]\n    x = [1, 2]\n');
});

test('integers decode as int64', () => {
  expect(decodeToml('a = 0x10\nb = -3')).toEqual({ a: int64(16n), b: int64(-3n) });
});

test('redefinitions fail with the upstream message', () => {
  expect(() => decodeToml('a = 1\na = 2')).toThrow(
    `toml: line 2 (last key "a"): Key 'a' has already been defined.`,
  );
});
