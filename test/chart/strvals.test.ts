import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mergeUserValues, type ValueOptions } from '../../src/chart/index.ts';
import { goJson } from './gojson.ts';

// recorded from helm v4.1.4: `helm install x . --dry-run=client --<flag> <arg>` printing {{ toJson .Values }}
interface Case {
  flag: 'set' | 'set-string' | 'set-json' | 'set-literal';
  arg: string;
  json?: string;
  error?: string;
}
const cases: Case[] = JSON.parse(readFileSync(new URL('./testdata/strvals.json', import.meta.url), 'utf8'));

const optionFor: Record<Case['flag'], keyof ValueOptions> = {
  set: 'values',
  'set-string': 'stringValues',
  'set-json': 'jsonValues',
  'set-literal': 'literalValues',
};

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return '(no error)';
}

describe('strvals (--set family) against helm', () => {
  it.each(cases)('--$flag $arg', (c) => {
    const run = () => mergeUserValues({ [optionFor[c.flag]]: [c.arg] });
    if (c.error !== undefined) expect(errorOf(run)).toBe(c.error);
    else expect(goJson(run())).toBe(c.json);
  });
});
