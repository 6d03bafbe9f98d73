// Hostile and broken inputs for `helm template`, shared by the test and the recorder. Each case
// builds its input under a fresh directory and names the helm arguments (relative to it).
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const CHART_YAML = 'apiVersion: v2\nname: bad\nversion: 0.1.0\n';

/** A tar archive from raw entries: [name, data, typeflag ('0' file, '2' symlink), linkname]. */
function tar(entries) {
  const blocks = [];
  for (const [name, data = '', type = '0', link = ''] of entries) {
    const body = Buffer.from(data);
    const h = Buffer.alloc(512);
    h.write(name, 0, 100);
    h.write('0000644\0', 100);
    h.write('0000000\0', 108);
    h.write('0000000\0', 116);
    h.write(`${body.length.toString(8).padStart(11, '0')}\0`, 124);
    h.write('00000000000\0', 136);
    h.write('        ', 148);
    h.write(type, 156);
    h.write(link, 157, 100);
    h.write('ustar\0', 257);
    h.write('00', 263);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(h, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

function chartDir(dir, files) {
  for (const [name, text] of Object.entries({ 'Chart.yaml': CHART_YAML, ...files })) {
    mkdirSync(join(dir, 'bad', name, '..'), { recursive: true });
    writeFileSync(join(dir, 'bad', name), text);
  }
  return 'bad';
}

export const cases = [
  {
    name: 'archive entry escaping the chart with ../',
    setup: (d) => (
      writeFileSync(
        join(d, 'c.tgz'),
        tar([
          ['bad/Chart.yaml', CHART_YAML],
          ['bad/../../evil.yaml', 'x: 1'],
        ]),
      ),
      ['c.tgz']
    ),
  },
  {
    name: 'archive entry with an absolute path',
    setup: (d) => (
      writeFileSync(
        join(d, 'c.tgz'),
        tar([
          ['bad/Chart.yaml', CHART_YAML],
          ['/etc/evil.yaml', 'x: 1'],
        ]),
      ),
      ['c.tgz']
    ),
  },
  {
    name: 'archive with a symlink entry',
    setup: (d) => (
      writeFileSync(
        join(d, 'c.tgz'),
        tar([
          ['bad/Chart.yaml', CHART_YAML],
          ['bad/templates/x.yaml', '', '2', '/etc/passwd'],
        ]),
      ),
      ['c.tgz']
    ),
  },
  {
    name: 'archive with a file over the 5 MiB limit',
    setup: (d) => (
      writeFileSync(
        join(d, 'c.tgz'),
        tar([
          ['bad/Chart.yaml', CHART_YAML],
          ['bad/big.txt', 'a'.repeat(6 * 1024 * 1024)],
        ]),
      ),
      ['c.tgz']
    ),
  },
  {
    name: 'archive over the 100 MiB limit (gzip bomb)',
    setup: (d) => {
      const parts = [['bad/Chart.yaml', CHART_YAML]];
      for (let i = 0; i < 21; i++) parts.push([`bad/f${i}.txt`, 'a'.repeat(5 * 1024 * 1024 - 1)]);
      writeFileSync(join(d, 'c.tgz'), tar(parts));
      return ['c.tgz'];
    },
  },
  {
    name: 'not a gzip archive',
    setup: (d) => (writeFileSync(join(d, 'c.tgz'), 'this is not gzip'), ['c.tgz']),
  },
  {
    name: 'directory chart with a symlink pointing outside it',
    setup: (d) => {
      const c = chartDir(d, { 'templates/cm.yaml': 'a: 1\n' });
      writeFileSync(join(d, 'secret.txt'), 'outside');
      symlinkSync(join(d, 'secret.txt'), join(d, c, 'templates', 'link.yaml'));
      return [c];
    },
  },
  {
    name: 'YAML alias bomb in values.yaml',
    setup: (d) => {
      let y = 'a: &a ["x","x","x","x","x","x","x","x","x","x"]\n';
      for (let i = 1; i < 9; i++) {
        const prev = String.fromCharCode(96 + i);
        const cur = String.fromCharCode(97 + i);
        y += `${cur}: &${cur} [${Array(10).fill(`*${prev}`).join(',')}]\n`;
      }
      return [chartDir(d, { 'values.yaml': y, 'templates/cm.yaml': 'a: {{ len .Values.i }}\n' })];
    },
  },
  {
    name: 'bad YAML in values.yaml',
    setup: (d) => [chartDir(d, { 'values.yaml': 'a: 1\nb: [1, 2\n', 'templates/cm.yaml': 'a: 1\n' })],
  },
  {
    name: 'endless template recursion',
    setup: (d) => [
      chartDir(d, {
        'templates/cm.yaml':
          '{{ define "loop" }}{{ template "loop" . }}{{ end }}a: {{ template "loop" . }}\n',
      }),
    ],
  },
  {
    name: 'endless include recursion',
    setup: (d) => [
      chartDir(d, {
        'templates/cm.yaml': '{{ define "loop" }}{{ include "loop" . }}{{ end }}a: {{ include "loop" . }}\n',
      }),
    ],
  },
  {
    name: 'template parse error',
    setup: (d) => [chartDir(d, { 'templates/cm.yaml': 'a: {{ .Values.x \n' })],
  },
  {
    name: 'rendered manifest is not YAML',
    setup: (d) => [chartDir(d, { 'templates/cm.yaml': 'a: b: c\n' })],
  },
  {
    name: 'malformed --set: unclosed index',
    setup: (d) => [chartDir(d, { 'templates/cm.yaml': 'a: 1\n' }), '--set', 'a[=b'],
  },
  {
    name: 'malformed --set: index over the limit',
    setup: (d) => [chartDir(d, { 'templates/cm.yaml': 'a: 1\n' }), '--set', 'a[999999]=1'],
  },
  {
    name: 'malformed --set: no key',
    setup: (d) => [chartDir(d, { 'templates/cm.yaml': 'a: 1\n' }), '--set', '=x'],
  },
  {
    name: 'malformed --set-json',
    setup: (d) => [chartDir(d, { 'templates/cm.yaml': 'a: 1\n' }), '--set-json', 'a={bad'],
  },
  {
    name: 'missing -f values file',
    setup: (d) => [chartDir(d, { 'templates/cm.yaml': 'a: 1\n' }), '-f', 'nope.yaml'],
  },
  {
    name: 'invalid semver version in Chart.yaml',
    setup: (d) => [
      chartDir(d, {
        'Chart.yaml': 'apiVersion: v2\nname: bad\nversion: one.two\n',
        'templates/cm.yaml': 'a: 1\n',
      }),
    ],
  },
  {
    name: 'Chart.yaml without a name',
    setup: (d) => [
      chartDir(d, { 'Chart.yaml': 'apiVersion: v2\nversion: 0.1.0\n', 'templates/cm.yaml': 'a: 1\n' }),
    ],
  },
  {
    name: 'schema violation',
    setup: (d) => [
      chartDir(d, {
        'values.yaml': 'port: 80\n',
        'values.schema.json': '{"type":"object","properties":{"port":{"type":"integer","maximum":100}}}',
        'templates/cm.yaml': 'a: 1\n',
      }),
      '--set',
      'port=1000',
    ],
  },
  {
    name: 'unparsable values.schema.json',
    setup: (d) => [chartDir(d, { 'values.schema.json': '{"type": ', 'templates/cm.yaml': 'a: 1\n' })],
  },
  { name: 'chart path that does not exist', setup: () => ['no-such-chart'] },
  {
    name: 'failing render with --output-dir writes nothing',
    outputDir: 'out',
    setup: (d) => [
      chartDir(d, { 'templates/a.yaml': 'a: 1\n', 'templates/b.yaml': '{{ fail "boom" }}\n' }),
      '--output-dir',
      'out',
    ],
  },
];
