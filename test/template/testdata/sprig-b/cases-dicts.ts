import { sliceOf, typeOf } from '../../../../src/template/value.ts';
import { type Case, call } from './harness.ts';

const strs = (...xs: string[]) => sliceOf('string', xs);
const d = (...kv: unknown[]) => call('dict', ...kv);
const json = (v: unknown) => JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? Number(x) : x));

/** `$d` mutated by f, then printed. */
const after = (dst: unknown, f: (dst: any) => void) => () => {
  f(dst);
  return dst;
};

export const dictCases: Case[] = [
  ['{{ dict "a" 1 "b" }}', () => call('dict', 'a', 1n, 'b')],
  ['{{ dict 1 2 nil 3 true 4 }}', () => call('dict', 1n, 2n, null, 3n, true, 4n)],
  ['{{ dict 1.5 2 (list 1 2) 3 }}', () => call('dict', 1.5, 2n, [1n, 2n], 3n)],
  ['{{ dict }}', () => call('dict')],
  ['{{ dict "a" 1 "a" 2 }}', () => call('dict', 'a', 1n, 'a', 2n)],
  ['{{ dict "a" 1 | typeOf }}', () => typeOf(call('dict', 'a', 1n))],
  ['{{ dict "__proto__" 1 "constructor" 2 }}', () => call('dict', '__proto__', 1n, 'constructor', 2n)],
  ['{{ get (dict "a" 1) "a" }}', () => call('get', d('a', 1n), 'a')],
  ['{{ get (dict "a" 1) "b" | typeOf }}', () => typeOf(call('get', d('a', 1n), 'b'))],
  ['{{ get (dict "a" nil) "a" | typeOf }}', () => typeOf(call('get', d('a', null), 'a'))],
  ['{{ get (dict) "constructor" | typeOf }}', () => typeOf(call('get', d(), 'constructor'))],
  ['{{ $d := dict "a" 1 }}{{ $_ := set $d "b" 2 }}{{ $d }}', after(d('a', 1n), (x) => call('set', x, 'b', 2n))],
  ['{{ set (dict "a" 1) "a" nil }}', () => call('set', d('a', 1n), 'a', null)],
  ['{{ $d := dict "a" 1 }}{{ $_ := unset $d "a" }}{{ $d }}', after(d('a', 1n), (x) => call('unset', x, 'a'))],
  ['{{ unset (dict "a" 1) "b" }}', () => call('unset', d('a', 1n), 'b')],
  ['{{ hasKey (dict "a" nil) "a" }}', () => call('hasKey', d('a', null), 'a')],
  ['{{ hasKey (dict "a" 1) "b" }}', () => call('hasKey', d('a', 1n), 'b')],
  ['{{ hasKey (dict) "toString" }}', () => call('hasKey', d(), 'toString')],
  ['{{ pluck "a" (dict "a" 1) (dict "b" 2) (dict "a" 3) }}', () => call('pluck', 'a', d('a', 1n), d('b', 2n), d('a', 3n))],
  ['{{ pluck "a" }}', () => call('pluck', 'a')],
  ['{{ pluck "a" | typeOf }}', () => typeOf(call('pluck', 'a'))],
  ['{{ keys (dict "b" 1 "a" 2) (dict "c" 3) | sortAlpha }}', () => call('sortAlpha', call('keys', d('b', 1n, 'a', 2n), d('c', 3n)))],
  ['{{ keys | typeOf }}', () => typeOf(call('keys'))],
  ['{{ keys (dict "a" 1) | typeOf }}', () => typeOf(call('keys', d('a', 1n)))],
  ['{{ keys (dict "a" 1) (dict "a" 2) }}', () => call('keys', d('a', 1n), d('a', 2n))],
  ['{{ keys (dict "x" 1) }}', () => call('keys', d('x', 1n))],
  ['{{ pick (dict "a" 1 "b" 2 "c" 3) "a" "c" "z" }}', () => call('pick', d('a', 1n, 'b', 2n, 'c', 3n), 'a', 'c', 'z')],
  ['{{ pick (dict "a" 1) }}', () => call('pick', d('a', 1n))],
  ['{{ $d := dict "a" 1 }}{{ $p := pick $d "a" }}{{ $_ := set $p "b" 2 }}{{ $d }}',
    () => {
      const x = d('a', 1n);
      call('set', call('pick', x, 'a'), 'b', 2n);
      return x;
    }],
  ['{{ omit (dict "a" 1 "b" 2 "c" 3) "a" "z" }}', () => call('omit', d('a', 1n, 'b', 2n, 'c', 3n), 'a', 'z')],
  ['{{ omit (dict "a" 1) }}', () => call('omit', d('a', 1n))],
  ['{{ values (dict "a" 1) }}', () => call('values', d('a', 1n))],
  ['{{ values (dict "b" 1 "a" 2) | sortAlpha }}', () => call('sortAlpha', call('values', d('b', 1n, 'a', 2n)))],
  ['{{ values (dict) | typeOf }}', () => typeOf(call('values', d()))],
  ['{{ dig "a" "b" "def" (dict "a" (dict "b" 1)) }}', () => call('dig', 'a', 'b', 'def', d('a', d('b', 1n)))],
  ['{{ dig "a" "x" "def" (dict "a" (dict "b" 1)) }}', () => call('dig', 'a', 'x', 'def', d('a', d('b', 1n)))],
  ['{{ dig "z" "x" "def" (dict "a" (dict "b" 1)) }}', () => call('dig', 'z', 'x', 'def', d('a', d('b', 1n)))],
  ['{{ dig "a" "def" (dict "a" (dict "b" 1)) }}', () => call('dig', 'a', 'def', d('a', d('b', 1n)))],
  ['{{ dig "a" "b" "def" (dict "a" "str") }}', () => call('dig', 'a', 'b', 'def', d('a', 'str'))],
  ['{{ dig "a" "b" "def" (dict "a" nil) }}', () => call('dig', 'a', 'b', 'def', d('a', null))],
  ['{{ dig "a" "b" "def" (dict "a" (list 1)) }}', () => call('dig', 'a', 'b', 'def', d('a', [1n]))],
  ['{{ dig "a" "def" (dict "a" nil) | typeOf }}', () => typeOf(call('dig', 'a', 'def', d('a', null)))],
  ['{{ dig 1 "def" (dict "a" nil) }}', () => call('dig', 1n, 'def', d('a', null))],
  ['{{ dig "a" "def" "x" }}', () => call('dig', 'a', 'def', 'x')],
  ['{{ dig "a" "def" nil }}', () => call('dig', 'a', 'def', null)],
  ['{{ dig "a" (dict) }}', () => call('dig', 'a', d())],
  ['{{ dig "a" "b" "c" "d" (dict "a" (dict "b" (dict "c" 7))) }}', () => call('dig', 'a', 'b', 'c', 'd', d('a', d('b', d('c', 7n))))],
  ['{{ merge (dict "a" 1 "b" "" "c" false "d" 0 "e" nil) (dict "a" 2 "b" "x" "c" true "d" 5 "e" 7 "f" 8) }}',
    () => call('merge', d('a', 1n, 'b', '', 'c', false, 'd', 0n, 'e', null), d('a', 2n, 'b', 'x', 'c', true, 'd', 5n, 'e', 7n, 'f', 8n))],
  ['{{ mergeOverwrite (dict "a" 1 "b" "y" "c" true "d" 3) (dict "a" 2 "b" "" "c" false "d" 0 "e" nil) }}',
    () => call('mergeOverwrite', d('a', 1n, 'b', 'y', 'c', true, 'd', 3n), d('a', 2n, 'b', '', 'c', false, 'd', 0n, 'e', null))],
  ['{{ merge (dict "a" (dict "x" 1 "y" 2)) (dict "a" (dict "y" 3 "z" 4)) }}', () => call('merge', d('a', d('x', 1n, 'y', 2n)), d('a', d('y', 3n, 'z', 4n)))],
  ['{{ mergeOverwrite (dict "a" (dict "x" 1 "y" 2)) (dict "a" (dict "y" 3 "z" 4)) }}', () => call('mergeOverwrite', d('a', d('x', 1n, 'y', 2n)), d('a', d('y', 3n, 'z', 4n)))],
  ['{{ merge (dict "a" "s") (dict "a" (dict "y" 3)) }}', () => call('merge', d('a', 's'), d('a', d('y', 3n)))],
  ['{{ mergeOverwrite (dict "a" "s") (dict "a" (dict "y" 3)) }}', () => call('mergeOverwrite', d('a', 's'), d('a', d('y', 3n)))],
  ['{{ merge (dict "a" (dict "y" 3)) (dict "a" "s") }}', () => call('merge', d('a', d('y', 3n)), d('a', 's'))],
  ['{{ mergeOverwrite (dict "a" (dict "y" 3)) (dict "a" "s") }}', () => call('mergeOverwrite', d('a', d('y', 3n)), d('a', 's'))],
  ['{{ merge (dict "a" (list 1)) (dict "a" (list 2 3)) }}', () => call('merge', d('a', [1n]), d('a', [2n, 3n]))],
  ['{{ mergeOverwrite (dict "a" (list 1)) (dict "a" (list 2 3)) }}', () => call('mergeOverwrite', d('a', [1n]), d('a', [2n, 3n]))],
  ['{{ merge (dict "a" (list)) (dict "a" (list 2 3)) }}', () => call('merge', d('a', []), d('a', [2n, 3n]))],
  ['{{ merge (dict "a" "s") (dict "a" (list 2 3)) }}', () => call('merge', d('a', 's'), d('a', [2n, 3n]))],
  ['{{ mergeOverwrite (dict "a" "s") (dict "a" (list 2 3)) }}', () => call('mergeOverwrite', d('a', 's'), d('a', [2n, 3n]))],
  ['{{ mergeOverwrite (dict "a" (list 1)) (dict "a" (list)) }}', () => call('mergeOverwrite', d('a', [1n]), d('a', []))],
  ['{{ merge (dict "a" 0) (dict "a" (list 1)) }}', () => call('merge', d('a', 0n), d('a', [1n]))],
  ['{{ merge (dict) (dict "a" (list)) | toJson }}', () => json(call('merge', d(), d('a', [])))],
  ['{{ merge (dict "a" (splitList "," "x")) (dict "a" (list 1)) | toJson }}', () => json(call('merge', d('a', strs('x')), d('a', [1n])))],
  ['{{ merge (dict "a" 1) (dict "b" (splitList "," "x")) | toJson }}', () => json(call('merge', d('a', 1n), d('b', strs('x'))))],
  ['{{ $d := dict "a" 1 }}{{ $_ := merge $d (dict "b" 2) (dict "c" 3 "a" 9) }}{{ $d }}',
    after(d('a', 1n), (x) => call('merge', x, d('b', 2n), d('c', 3n, 'a', 9n)))],
  ['{{ $d := dict "a" 1 }}{{ $_ := mergeOverwrite $d (dict "b" 2) (dict "c" 3 "a" 9) }}{{ $d }}',
    after(d('a', 1n), (x) => call('mergeOverwrite', x, d('b', 2n), d('c', 3n, 'a', 9n)))],
  ['{{ $d := dict "n" (dict "a" 1) }}{{ $s := dict "n" (dict "b" 2) }}{{ $_ := merge (dict) $d $s }}{{ $d }}',
    () => {
      const x = d('n', d('a', 1n));
      call('merge', d(), x, d('n', d('b', 2n)));
      return x;
    }],
  ['{{ $s := dict "n" (dict "b" 2) }}{{ $r := mergeOverwrite (dict "n" "x") $s }}{{ $_ := set $r.n "c" 3 }}{{ $s }}',
    () => {
      const s = d('n', d('b', 2n));
      const r = call('mergeOverwrite', d('n', 'x'), s) as any;
      call('set', r.n, 'c', 3n);
      return s;
    }],
  ['{{ $s := dict "n" (dict) }}{{ $r := merge (dict "n" (dict)) $s }}{{ $_ := set $r.n "c" 3 }}{{ $s }}',
    () => {
      const s = d('n', d());
      const r = call('merge', d('n', d()), s) as any;
      call('set', r.n, 'c', 3n);
      return s;
    }],
  ['{{ $s := dict "n" (dict "b" 2) }}{{ $r := merge (dict) $s }}{{ $_ := set $r.n "c" 3 }}{{ $s }}',
    () => {
      const s = d('n', d('b', 2n));
      const r = call('merge', d(), s) as any;
      call('set', r.n, 'c', 3n);
      return s;
    }],
  ['{{ $s := dict "n" (dict "b" 2) }}{{ $r := merge (dict "n" (dict "a" 1)) $s }}{{ $_ := set $r.n "c" 3 }}{{ $s }}',
    () => {
      const s = d('n', d('b', 2n));
      const r = call('merge', d('n', d('a', 1n)), s) as any;
      call('set', r.n, 'c', 3n);
      return s;
    }],
  ['{{ merge (dict "a" (dict "b" (dict "c" 1 "d" ""))) (dict "a" (dict "b" (dict "d" 2 "e" nil))) }}',
    () => call('merge', d('a', d('b', d('c', 1n, 'd', ''))), d('a', d('b', d('d', 2n, 'e', null))))],
  ['{{ mergeOverwrite (dict "a" (dict "b" (dict "c" 1 "d" "x"))) (dict "a" (dict "b" (dict "d" nil "e" false))) }}',
    () => call('mergeOverwrite', d('a', d('b', d('c', 1n, 'd', 'x'))), d('a', d('b', d('d', null, 'e', false))))],
  ['{{ merge (dict "a" (dict)) (dict "a" (dict "b" 1)) }}', () => call('merge', d('a', d()), d('a', d('b', 1n)))],
  ['{{ merge (dict "a" nil) (dict "a" (dict "b" 1)) }}', () => call('merge', d('a', null), d('a', d('b', 1n)))],
  ['{{ mergeOverwrite (dict "a" nil) (dict "a" (dict "b" 1)) }}', () => call('mergeOverwrite', d('a', null), d('a', d('b', 1n)))],
  ['{{ merge (dict "a" (dict "x" (list 1))) (dict "a" (dict "x" (list 2) "y" (list 3))) }}',
    () => call('merge', d('a', d('x', [1n])), d('a', d('x', [2n], 'y', [3n])))],
  ['{{ mustMerge (dict "a" 1) (dict "b" 2) }}', () => call('mustMerge', d('a', 1n), d('b', 2n))],
  ['{{ mustMergeOverwrite (dict "a" 1) (dict "a" 2) }}', () => call('mustMergeOverwrite', d('a', 1n), d('a', 2n))],
  ['{{ merge (dict "a" 1) }}', () => call('merge', d('a', 1n))],
  ['{{ merge (dict "a" 1) (dict "a" 2.5) (dict "b" 3) }}', () => call('merge', d('a', 1n), d('a', 2.5), d('b', 3n))],
  ['{{ deepCopy (dict "a" (list 1 (dict "b" 2))) }}', () => call('deepCopy', d('a', [1n, d('b', 2n)]))],
  ['{{ deepCopy nil | typeOf }}', () => typeOf(call('deepCopy', null))],
  ['{{ mustDeepCopy nil | typeOf }}', () => typeOf(call('mustDeepCopy', null))],
  ['{{ deepCopy 3 | typeOf }}', () => typeOf(call('deepCopy', 3n))],
  ['{{ deepCopy "s" }}', () => call('deepCopy', 's')],
  ['{{ deepCopy (splitList "," "a") | typeOf }}', () => typeOf(call('deepCopy', strs('a')))],
  ['{{ $d := dict "a" (list 1) }}{{ $c := deepCopy $d }}{{ $_ := set $c "b" 1 }}{{ $d }}',
    () => {
      const x = d('a', [1n]);
      call('set', call('deepCopy', x), 'b', 1n);
      return x;
    }],
  ['{{ $d := dict "a" (dict "n" 1) }}{{ $c := deepCopy $d }}{{ $_ := set $c.a "m" 1 }}{{ $d }}',
    () => {
      const x = d('a', d('n', 1n));
      call('set', (call('deepCopy', x) as any).a, 'm', 1n);
      return x;
    }],
];
