import { describe, expect, it } from 'vitest';
import {
  formatLabelSelector,
  labelSelectorAsSelector,
  parseLabelSelector,
  selectorFromSet,
} from '../../../src/kube/selectors/index.ts';

const long = (c: string, n: number) => c.repeat(n);
const keyRegexMsg =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const valueRegexMsg =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const subdomainMsg =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

// Error texts recorded from kubectl v1.35.2 (`kubectl set selector --local`, which runs labels.Parse).
const parseErrors: Array<[string, string]> = [
  ['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
  ['a=b c', "found 'c', expected: ',' or 'end of string'"],
  [
    `a=${long('x', 64)}`,
    `unable to parse requirement: values[0][a]: Invalid value: "${long('x', 64)}": must be no more than 63 bytes`,
  ],
  ['a in (b', "unable to parse requirement: found '', expected: ',' or ')'"],
  ['a in b', "unable to parse requirement: found 'b' expected: '('"],
  ['!!a', "unable to parse requirement: found '!', expected: identifier"],
  ['a=(b)', "unable to parse requirement: found '(', expected: identifier"],
  [
    'a>x',
    `unable to parse requirement: values[0]: Invalid value: "x": for 'Gt', 'Lt' operators, the value must be an integer`,
  ],
  [
    'x/y/z=1',
    `unable to parse requirement: <nil>: Invalid value: "x/y/z": a valid label key ${keyRegexMsg} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
  ],
  ['/a=b', 'unable to parse requirement: <nil>: Invalid value: "/a": prefix part must be non-empty'],
  ['a,', "found '', expected: identifier after ','"],
  [',a', "found ',', expected: !, identifier, or 'end of string'"],
  ['a=b=c', "found '=', expected: ',' or 'end of string'"],
  ['x.Y/a=b', `unable to parse requirement: <nil>: Invalid value: "x.Y/a": prefix part ${subdomainMsg}`],
  ['x..y/a=b', `unable to parse requirement: <nil>: Invalid value: "x..y/a": prefix part ${subdomainMsg}`],
  ['a=b,', "found '', expected: identifier after ','"],
  [
    `${long('k', 64)}=a`,
    `unable to parse requirement: <nil>: Invalid value: "${long('k', 64)}": name part must be no more than 63 bytes`,
  ],
  ['a!', "unable to parse requirement: found '!', expected: in, notin, =, ==, !=, gt, lt"],
  [
    'x/=b',
    `unable to parse requirement: <nil>: Invalid value: "x/": name part must be non-empty; name part ${keyRegexMsg}`,
  ],
  ['a=-b', `unable to parse requirement: values[0][a]: Invalid value: "-b": ${valueRegexMsg}`],
  ['a (', "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"],
  [')', "found ')', expected: !, identifier, or 'end of string'"],
  ['a=b,,c', "found ',', expected: identifier after ','"],
  [
    'a>-1x',
    `unable to parse requirement: [values[0]: Invalid value: "-1x": for 'Gt', 'Lt' operators, the value must be an integer, values[0][a]: Invalid value: "-1x": ${valueRegexMsg}]`,
  ],
  ['a in (b c)', "unable to parse requirement: found 'c', expected: ',' or ')'"],
  ['a=b!', "found '!', expected: ',' or 'end of string'"],
  ['a=b,$c', `unable to parse requirement: <nil>: Invalid value: "$c": name part ${keyRegexMsg}`],
  [
    'a>1,b>x,c=-',
    `unable to parse requirement: values[0]: Invalid value: "x": for 'Gt', 'Lt' operators, the value must be an integer`,
  ],
];

// [input, String() of the parsed selector] — upstream's TestSelectorParse and recorded runs.
const roundTrips: Array<[string, string]> = [
  ['', ''],
  ['x=a,y=b,z=c', 'x=a,y=b,z=c'],
  ['x!=a,y=b', 'x!=a,y=b'],
  ['x=,z= ', 'x=,z='],
  ['x= ,z= ', 'x=,z='],
  ['!x', '!x'],
  ['x>1', 'x>1'],
  ['x<7', 'x<7'],
  ['z=c,y=b', 'y=b,z=c'],
  ['x in (c,b,a)', 'x in (a,b,c)'],
  ['x notin ()', 'x notin ()'],
  ['x in (,b)', 'x in (,b)'],
  ['x in (b,,c)', 'x in (,b,c)'],
  ['a in (in, notin)', 'a in (in,notin)'],
  ['in=notin', 'in=notin'],
  ['a==b', 'a==b'],
  ['a = b', 'a=b'],
  ['a=', 'a='],
  ['x,y', 'x,y'],
  ['!a=b', 'a=b'],
  ['A_b.c=d', 'A_b.c=d'],
];

const matches: Array<[string, Record<string, string>, boolean]> = [
  ['', { x: 'y' }, true],
  ['x=y', { x: 'y' }, true],
  ['x=y,z=w', { x: 'y', z: 'w' }, true],
  ['x!=y,z!=w', { x: 'z', z: 'a' }, true],
  ['notin=in', { notin: 'in' }, true],
  ['x', { x: 'z' }, true],
  ['!x', { y: 'z' }, true],
  ['x>1', { x: '2' }, true],
  ['x<1', { x: '0' }, true],
  ['x=z', {}, false],
  ['x=y', { x: 'z' }, false],
  ['x=y,z=w', { x: 'w', z: 'w' }, false],
  ['x!=y,z!=w', { x: 'z', z: 'w' }, false],
  ['x', { y: 'z' }, false],
  ['!x', { x: 'z' }, false],
  ['x>1', { x: '0' }, false],
  ['x<1', { x: '2' }, false],
  ['x>1', { x: 'a' }, false],
  ['x notin (a)', {}, true],
  ['x in (a,b)', { x: 'b' }, true],
  ['x in (a,b)', {}, false],
  ['x in ()', { x: '' }, true],
];

describe('parseLabelSelector', () => {
  it.each(parseErrors)('%j fails as upstream', (input, message) => {
    expect(() => parseLabelSelector(input)).toThrow(message);
    try {
      parseLabelSelector(input);
    } catch (e) {
      expect((e as Error).message).toBe(message);
    }
  });
  it.each(roundTrips)('%j prints as %j', (input, printed) => {
    expect(parseLabelSelector(input).toString()).toBe(printed);
  });
  it.each(matches)('%j against %j is %s', (input, labels, expected) => {
    expect(parseLabelSelector(input).matches(labels)).toBe(expected);
  });
});

describe('LabelSelector objects', () => {
  it('nil selects nothing, empty selects everything', () => {
    expect(labelSelectorAsSelector(null).matches({ a: 'b' })).toBe(false);
    expect(labelSelectorAsSelector({}).matches({ a: 'b' })).toBe(true);
    expect(formatLabelSelector(null)).toBe('<none>');
    expect(formatLabelSelector({})).toBe('<none>');
  });
  it('ANDs matchLabels and matchExpressions, sorted by key', () => {
    const s = labelSelectorAsSelector({
      matchLabels: { z: '1', app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['fe', 'be'] },
        { key: 'gone', operator: 'DoesNotExist' },
        { key: 'env', operator: 'NotIn', values: ['prod'] },
        { key: 'b', operator: 'Exists' },
      ],
    });
    expect(s.toString()).toBe('app=web,b,env notin (prod),!gone,tier in (be,fe),z=1');
    expect(s.matches({ app: 'web', z: '1', tier: 'fe', b: '' })).toBe(true);
    expect(s.matches({ app: 'web', z: '1', tier: 'fe', b: '', gone: 'x' })).toBe(false);
    expect(s.matches({ app: 'web', z: '1', tier: 'fe', b: '', env: 'prod' })).toBe(false);
  });
  it.each([
    [
      { matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] },
      '"Gt" is not a valid label selector operator',
    ],
    [
      { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] },
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    ],
    [
      { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x', 'y'] }] },
      'values: Invalid value: []string{"x", "y"}: values set must be empty for exists and does not exist',
    ],
    [{ matchLabels: { 'a b': 'c' } }, `key: Invalid value: "a b": name part ${keyRegexMsg}`],
  ])('%j is rejected', (ls, message) => {
    expect(() => labelSelectorAsSelector(ls)).toThrow(message);
    expect(formatLabelSelector(ls)).toBe('<error>');
  });
  it('selectorFromSet requires every pair', () => {
    const s = selectorFromSet({ b: '2', a: '1' });
    expect(s.toString()).toBe('a=1,b=2');
    expect(s.requiresExactMatch('a')).toBe('1');
    expect(s.matches({ a: '1', b: '2', c: '3' })).toBe(true);
    expect(s.matches({ a: '1' })).toBe(false);
    expect(selectorFromSet({}).empty()).toBe(true);
  });
});
