// The text and SVG renderings of a timeline: offsets, lines, and SVG that is
// well-formed XML (checked by a strict little parser), self-contained, and
// drawn to scale.

import { describe, expect, test } from 'vitest';
import {
  formatOffset,
  type RevisionCounts,
  type RolloutTimeline,
  type Sample,
  timelineSvg,
  timelineText,
} from '../../../src/cluster/timeline/index.ts';
import { golden, start } from './world.ts';

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** Parses XML strictly enough to reject what a browser's XML parser rejects in our output. */
function parseXml(source: string): XmlElement {
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at offset ${i}: ${JSON.stringify(source.slice(i, i + 40))}`);
  };
  const checkText = (text: string) => {
    for (const m of text.matchAll(/&([^;]*);?/g))
      if (!/^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);$/.test(m[0])) fail(`bad entity ${m[0]}`);
    if (text.includes('<')) fail('unescaped <');
  };
  const name = /[A-Za-z_][\w.:-]*/y;
  const readName = () => {
    name.lastIndex = i;
    const m = name.exec(source);
    if (!m) fail('expected a name');
    i += m![0].length;
    return m![0];
  };
  const skipSpace = () => {
    while (/\s/.test(source[i] ?? '')) i++;
  };
  const element = (): XmlElement => {
    if (source[i] !== '<') fail('expected <');
    i++;
    const el: XmlElement = { name: readName(), attributes: {}, children: [], text: '' };
    for (;;) {
      skipSpace();
      if (source.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (source[i] === '>') {
        i++;
        break;
      }
      const attr = readName();
      if (attr in el.attributes) fail(`duplicate attribute ${attr}`);
      if (source[i] !== '=') fail('expected =');
      i++;
      const quote = source[i];
      if (quote !== '"' && quote !== "'") fail('expected a quoted value');
      const end = source.indexOf(quote, i + 1);
      if (end < 0) fail('unterminated attribute');
      const value = source.slice(i + 1, end);
      checkText(value);
      el.attributes[attr] = value;
      i = end + 1;
    }
    for (;;) {
      const next = source.indexOf('<', i);
      if (next < 0) fail(`unclosed <${el.name}>`);
      const text = source.slice(i, next);
      checkText(text);
      el.text += text;
      i = next;
      if (source.startsWith('</', i)) {
        i += 2;
        const closing = readName();
        if (closing !== el.name) fail(`</${closing}> closes <${el.name}>`);
        skipSpace();
        if (source[i] !== '>') fail('expected >');
        i++;
        return el;
      }
      el.children.push(element());
    }
  };
  skipSpace();
  const root = element();
  skipSpace();
  if (i !== source.length) fail('content after the root element');
  return root;
}

function* walk(el: XmlElement): Generator<XmlElement> {
  yield el;
  for (const c of el.children) yield* walk(c);
}

const counts = (revision: number, name: string, c: Partial<RevisionCounts>): RevisionCounts => ({
  revision,
  name,
  starting: 0,
  running: 0,
  ready: 0,
  terminating: 0,
  ...c,
});

function timeline(samples: Sample[], extra: Partial<RolloutTimeline> = {}): RolloutTimeline {
  return {
    apiVersion: 'bosun.dev/v1alpha1',
    kind: 'RolloutTimeline',
    metadata: { name: 'deployment.web', namespace: 'shop' },
    workload: { kind: 'Deployment', namespace: 'shop', name: 'web' },
    start,
    now: samples.at(-1)?.t ?? start,
    truncated: false,
    samples,
    events: [],
    ...extra,
  };
}

describe('formatOffset', () => {
  test.each([
    [0, '0s'],
    [2500, '2.5s'],
    [12_000, '12s'],
    [59_940, '59.9s'],
    [59_970, '1m00s'],
    [65_400, '1m05s'],
    [3_723_000, '1h02m03s'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatOffset(ms)).toBe(text);
  });
});

describe('timelineText', () => {
  test('events come before the sample at the same time; truncation is said', () => {
    const t = timeline(
      [
        { t: start, desired: 2, revisions: [counts(1, 'web-a', { starting: 2 })] },
        { t: start + 90_000, desired: 2, revisions: [counts(1, 'web-a', { ready: 2 })] },
      ],
      {
        truncated: true,
        events: [{ t: start + 90_000, type: 'Scaled', message: 'scaled from 1 to 2 replicas' }],
      },
    );
    expect(timelineText(t)).toBe(
      [
        'deployment/web in namespace shop, recorded since 2025-01-01T00:00:00Z',
        '(older samples and events were dropped)',
        '+0s     rev 1  ready 0/2  starting 2',
        '+1m30s  * scaled from 1 to 2 replicas',
        '+1m30s  rev 1  ready 2/2',
        '',
      ].join('\n'),
    );
  });
});

describe('timelineSvg', () => {
  const manyRevisions: Sample[] = Array.from({ length: 12 }, (_, i) => ({
    t: start + i * 7_000,
    desired: 3,
    revisions: [
      counts(i + 1, `web-${i + 1}`, { ready: 2, starting: 1 }),
      counts(i, `web-${i}`, { terminating: 1 }),
    ],
  }));
  const cases: { name: string; timeline: RolloutTimeline; paths: number }[] = [
    { name: 'nothing recorded yet', timeline: timeline([]), paths: 0 },
    {
      name: 'one sample and an event with markup in its message',
      timeline: timeline([{ t: start, desired: 1, revisions: [counts(1, 'web-<a>&"b"', { ready: 1 })] }], {
        now: start + 5000,
        events: [
          {
            t: start,
            type: 'Condition',
            reason: 'ProgressDeadlineExceeded',
            message: `Progressing False: ProgressDeadlineExceeded <'x' & "y">`,
          },
        ],
      }),
      // the band, and the line of pods wanted
      paths: 2,
    },
    { name: 'more revisions than colours', timeline: timeline(manyRevisions), paths: 12 * 2 + 12 + 1 },
  ];

  test.each(cases)('$name: well-formed, self-contained', ({ timeline: t, paths }) => {
    const svg = timelineSvg(t);
    const root = parseXml(svg);
    expect(root.name).toBe('svg');
    expect(root.attributes.xmlns).toBe('http://www.w3.org/2000/svg');
    const elements = [...walk(root)];
    expect(elements.filter((e) => e.name === 'path')).toHaveLength(paths);
    for (const e of elements) {
      expect(['script', 'image', 'foreignObject', 'style', 'use']).not.toContain(e.name);
      for (const [k, v] of Object.entries(e.attributes)) {
        expect(k).not.toMatch(/^on|href$/);
        expect(v).not.toMatch(/url\(|https?:(?!\/\/www\.w3\.org\/2000\/svg$)/);
      }
    }
  });

  test('areas are drawn to scale: a band spans its sample to the next, its height is its pods', () => {
    const svg = timelineSvg(
      timeline(
        [
          { t: start, desired: 4, revisions: [counts(1, 'web-a', { ready: 4 })] },
          { t: start + 10_000, desired: 4, revisions: [counts(1, 'web-a', { ready: 2 })] },
        ],
        { now: start + 20_000 },
      ),
    );
    const band = [...walk(parseXml(svg))].find(
      (e) => e.name === 'path' && e.attributes['fill-opacity'] === '0.9',
    )!;
    // plot: x 48..630 over 20s, y 40..316 over 0..4 pods (69 per pod)
    expect(band.attributes.d).toBe('M48 40H339V178H630V316H339V316H48Z');
  });

  test('golden: more revisions than colours', () => {
    golden('many-revisions.svg', timelineSvg(timeline(manyRevisions)));
  });
});
