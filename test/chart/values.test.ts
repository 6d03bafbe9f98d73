import { describe, expect, it } from 'vitest';
import { readValues } from '../../src/chart/index.ts';
import { goJson } from './gojson.ts';

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return '(no error)';
}

// messages recorded from `helm template x . -f FILE` (helm v4.1.4), after "failed to parse FILE: "
describe('values files', () => {
  it.each([
    ['a: 1\n--- x\nb: 2\n', 'error reading yaml document: invalid Yaml document separator: x'],
    [
      '- a\n',
      'cannot unmarshal yaml document: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}',
    ],
    [
      'a: [\n',
      'cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 1: did not find expected node content',
    ],
  ])('rejects %j', (text, message) => {
    expect(errorOf(() => readValues(text))).toBe(message);
  });

  // recorded: a bare y key is YAML 1.1's true, as go-yaml v2 reads it
  it('merges documents in order, a separator may carry a comment', () => {
    expect(goJson(readValues('a: 1\nm: {x: 1}\n---\nb: 2\nm: {y: 2}\n--- # c\nc: 3\n'))).toBe(
      '{"a":1,"b":2,"c":3,"m":{"true":2,"x":1}}',
    );
  });
});
