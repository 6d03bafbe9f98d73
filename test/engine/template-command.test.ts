import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runTemplate, type TemplateOptions } from '../../src/cli/helm/template.ts';
import { fakeRenderer } from './fake-renderer.ts';

const testdata = new URL('./testdata/', import.meta.url).pathname;
const golden = (name: string) => readFileSync(`${testdata}${name}.golden`, 'utf8');

function options(over: Partial<TemplateOptions>): TemplateOptions {
  return {
    releaseName: 'x',
    chartRef: `${testdata}hooks`,
    namespace: 'default',
    values: {},
    showOnly: [],
    includeCrds: false,
    skipCrds: false,
    useReleaseName: false,
    isUpgrade: false,
    apiVersions: [],
    noHooks: false,
    skipTests: false,
    renderer: fakeRenderer,
    warn: () => {},
    ...over,
  };
}

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return '(no error)';
}

// goldens recorded with `helm template x hooks ...` (helm v4.1.4) in test/engine/testdata
describe('helm template post-processing', () => {
  it('splits documents, drops empty ones and unknown hooks, sorts by kind, hooks last', () => {
    expect(runTemplate(options({})).stdout).toBe(golden('hooks-default'));
  });

  it('--skip-tests --include-crds', () => {
    expect(runTemplate(options({ skipTests: true, includeCrds: true })).stdout).toBe(
      golden('hooks-skip-tests-crds'),
    );
  });

  it('--no-hooks', () => {
    expect(runTemplate(options({ noHooks: true })).stdout).toBe(golden('hooks-no-hooks'));
  });

  it('--show-only with a glob', () => {
    const out = runTemplate(options({ showOnly: ['templates/b.yaml', 'charts/*/templates/*'] })).stdout;
    expect(out).toBe(golden('hooks-show-only'));
  });

  it('--show-only naming no template', () => {
    expect(errorOf(() => runTemplate(options({ showOnly: ['templates/nope.yaml'] })))).toBe(
      'could not find template templates/nope.yaml in chart',
    );
  });

  it('--output-dir --release-name --include-crds writes files in helm order', () => {
    const r = runTemplate(options({ outputDir: '/out', useReleaseName: true, includeCrds: true }));
    const wrote = r.writes.map((w) => `wrote ${w.path}\n`).join('') + r.stdout;
    expect(wrote).toBe(golden('hooks-output-dir').replaceAll('/tmp/h8/out', '/out'));
    const a = r.writes.filter((w) => w.path === '/out/x/hk/templates/a.yaml');
    expect(a.map((w) => w.append)).toEqual([false, true, true, true, true, true]);
  });
});

describe('helm template errors', () => {
  const cases: [string, Partial<TemplateOptions>, string][] = [
    ['missing path', { chartRef: './nope' }, 'path "./nope" not found'],
    [
      'not a local path',
      { chartRef: 'nope-not-here' },
      'non-absolute URLs should be in form of repo_name/path_to_chart, got: nope-not-here',
    ],
    [
      'bad kube version',
      { kubeVersion: 'abc' },
      `invalid kube version 'abc': could not parse "abc" as version`,
    ],
    ['library chart', { chartRef: `${testdata}library` }, 'library charts are not installable'],
    [
      'dependency missing from charts/',
      { chartRef: `${testdata}missing-dep` },
      'an error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: foo, bar',
    ],
    [
      'kubeVersion constraint',
      { chartRef: `${testdata}kube-version` },
      'chart requires kubeVersion: >=1.99 which is incompatible with Kubernetes v1.35.0\n\nUse --debug flag to render out invalid YAML',
    ],
  ];
  it.each(cases)('%s', (_, over, message) => {
    expect(errorOf(() => runTemplate(options(over)))).toBe(message);
  });

  it('--kube-version satisfies the constraint', () => {
    expect(runTemplate(options({ chartRef: `${testdata}kube-version`, kubeVersion: '1.99.1' })).stdout).toBe(
      '\n',
    );
  });

  it.each([
    [
      'name: [1]',
      'error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go struct field .metadata.name of type string',
    ],
    [
      'annotations: [1]',
      'error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go struct field .metadata.annotations of type map[string]string',
    ],
  ])('document head %s', (meta, message) => {
    expect(existsSync(`${testdata}bad-head`)).toBe(true);
    const err = errorOf(() =>
      runTemplate(options({ chartRef: `${testdata}bad-head`, values: { stringValues: [`meta=${meta}`] } })),
    );
    expect(err).toBe(
      `YAML parse error on bad/templates/c.yaml: ${message}\n\nUse --debug flag to render out invalid YAML`,
    );
  });
});
