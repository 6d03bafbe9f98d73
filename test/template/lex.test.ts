/** The lexer's item stream (Go's parse/lex.go semantics; see Go's lex_test.go). */
import { describe, expect, it } from 'vitest';
import { lexAll, ItemType as T } from '../../src/template/lex.ts';

type Row = [string, [T, string][]];

const cases: Row[] = [
  ['', [[T.EOF, '']]],
  [
    'now is the time',
    [
      [T.Text, 'now is the time'],
      [T.EOF, ''],
    ],
  ],
  [
    '{{/* c */}}x',
    [
      [T.Text, 'x'],
      [T.EOF, ''],
    ],
  ],
  [
    'a {{- 3 -}} b',
    [
      [T.Text, 'a'],
      [T.LeftDelim, '{{'],
      [T.Number, '3'],
      [T.RightDelim, '}}'],
      [T.Text, 'b'],
      [T.EOF, ''],
    ],
  ],
  [
    '{{-3}}',
    [
      [T.LeftDelim, '{{'],
      [T.Number, '-3'],
      [T.RightDelim, '}}'],
      [T.EOF, ''],
    ],
  ],
  [
    '{{.x.y}}',
    [
      [T.LeftDelim, '{{'],
      [T.Field, '.x'],
      [T.Field, '.y'],
      [T.RightDelim, '}}'],
      [T.EOF, ''],
    ],
  ],
  [
    '{{$x := .}}',
    [
      [T.LeftDelim, '{{'],
      [T.Variable, '$x'],
      [T.Space, ' '],
      [T.Declare, ':='],
      [T.Space, ' '],
      [T.Dot, '.'],
      [T.RightDelim, '}}'],
      [T.EOF, ''],
    ],
  ],
  [
    '{{$x = 1}}',
    [
      [T.LeftDelim, '{{'],
      [T.Variable, '$x'],
      [T.Space, ' '],
      [T.Assign, '='],
      [T.Space, ' '],
      [T.Number, '1'],
      [T.RightDelim, '}}'],
      [T.EOF, ''],
    ],
  ],
  [
    '{{ 0x1F 1_000 0o7 0b1 1.5e3 0x1p-2 }}',
    [
      [T.LeftDelim, '{{'],
      [T.Space, ' '],
      [T.Number, '0x1F'],
      [T.Space, ' '],
      [T.Number, '1_000'],
      [T.Space, ' '],
      [T.Number, '0o7'],
      [T.Space, ' '],
      [T.Number, '0b1'],
      [T.Space, ' '],
      [T.Number, '1.5e3'],
      [T.Space, ' '],
      [T.Number, '0x1p-2'],
      [T.Space, ' '],
      [T.RightDelim, '}}'],
      [T.EOF, ''],
    ],
  ],
  [
    '{{\'a\' `r` "s"}}',
    [
      [T.LeftDelim, '{{'],
      [T.CharConstant, "'a'"],
      [T.Space, ' '],
      [T.RawString, '`r`'],
      [T.Space, ' '],
      [T.String, '"s"'],
      [T.RightDelim, '}}'],
      [T.EOF, ''],
    ],
  ],
  [
    '{{if true}}{{else}}{{end}}',
    [
      [T.LeftDelim, '{{'],
      [T.If, 'if'],
      [T.Space, ' '],
      [T.Bool, 'true'],
      [T.RightDelim, '}}'],
      [T.LeftDelim, '{{'],
      [T.Else, 'else'],
      [T.RightDelim, '}}'],
      [T.LeftDelim, '{{'],
      [T.End, 'end'],
      [T.RightDelim, '}}'],
      [T.EOF, ''],
    ],
  ],
  [
    '{{(f .x | g)}}',
    [
      [T.LeftDelim, '{{'],
      [T.LeftParen, '('],
      [T.Identifier, 'f'],
      [T.Space, ' '],
      [T.Field, '.x'],
      [T.Space, ' '],
      [T.Pipe, '|'],
      [T.Space, ' '],
      [T.Identifier, 'g'],
      [T.RightParen, ')'],
      [T.RightDelim, '}}'],
      [T.EOF, ''],
    ],
  ],
  [
    '{{ .a-b }}',
    [
      [T.LeftDelim, '{{'],
      [T.Space, ' '],
      [T.Error, "bad character U+002D '-'"],
    ],
  ],
  [
    '{{ ☃ }}',
    [
      [T.LeftDelim, '{{'],
      [T.Space, ' '],
      [T.Error, "unrecognized character in action: U+2603 '☃'"],
    ],
  ],
  [
    '{{ 1a }}',
    [
      [T.LeftDelim, '{{'],
      [T.Space, ' '],
      [T.Error, 'bad number syntax: "1a"'],
    ],
  ],
  [
    '{{ "x',
    [
      [T.LeftDelim, '{{'],
      [T.Space, ' '],
      [T.Error, 'unterminated quoted string'],
    ],
  ],
  ['{{/* x', [[T.Error, 'unclosed comment']]],
  [
    '{{ (',
    [
      [T.LeftDelim, '{{'],
      [T.Space, ' '],
      [T.LeftParen, '('],
      [T.Error, 'unclosed action'],
    ],
  ],
];

describe('lexer', () => {
  it.each(cases)('%j', (input, want) => {
    expect(lexAll(input).map((i) => [i.typ, i.val])).toEqual(want);
  });

  it('uses custom delimiters', () => {
    expect(lexAll('a[[.x]]b', '[[', ']]').map((i) => i.val)).toEqual(['a', '[[', '.x', ']]', 'b', '']);
  });

  it('counts lines across text, raw strings and trimmed space', () => {
    const items = lexAll('a\n{{`x\ny`}}\n{{- 1 }}');
    expect(items.map((i) => i.line)).toEqual([1, 2, 2, 3, 4, 4, 4, 4, 4]);
  });

  it('emits comments when asked', () => {
    expect(lexAll('{{/* c */}}', '{{', '}}', { emitComment: true }).map((i) => i.val)).toEqual([
      '/* c */',
      '',
    ]);
  });
});
