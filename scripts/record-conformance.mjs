#!/usr/bin/env node
import { isUtf8 } from 'node:buffer';
/**
 * Records the expected output of the template conformance cases from the real helm binary.
 *
 * Each case in test/template/conformance/cases/<area>.yaml is rendered through a throw-away chart
 * (templates/NOTES.txt = '<<<' + template + '>>>', optional templates/_helpers.tpl and
 * values.yaml) with `helm install x CHART --dry-run=client`, twice. The text between the markers
 * in the NOTES section becomes `output` (and `output2` when the two runs differ, as random
 * functions do); a failed install records helm's error text as `error`.
 *
 * Usage: node scripts/record-conformance.mjs [--all] [--area NAME]... [--jobs N]
 *   default: only cases that have no recording yet. helm comes from $HELM or
 *   ~/.cache/bosun-reference/helm (installed with `bash scripts/reference-bins.sh` if missing).
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const casesDir = join(root, 'test/template/conformance/cases');
const RECORDED_KEYS = ['output', 'output2', 'error'];
const ERROR_PREFIX = 'Error: INSTALLATION FAILED: ';

function parseArgs(argv) {
  const opts = { all: false, areas: [], jobs: Math.max(1, Math.min(availableParallelism(), 4)) };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--all') opts.all = true;
    else if (a === '--area') opts.areas.push(argv[++i]);
    else if (a === '--jobs') opts.jobs = Number(argv[++i]);
    else {
      console.error(
        `unknown argument ${a}\nusage: record-conformance.mjs [--all] [--area NAME]... [--jobs N]`,
      );
      process.exit(2);
    }
  }
  return opts;
}

function findHelm() {
  if (process.env.HELM) return process.env.HELM;
  const dir = process.env.BOSUN_REFERENCE_DIR ?? join(homedir(), '.cache/bosun-reference');
  const helm = join(dir, 'helm');
  if (!existsSync(helm))
    execFileSync('bash', [join(root, 'scripts/reference-bins.sh'), dir], { stdio: 'inherit' });
  return helm;
}

function runHelm(helm, chartDir) {
  return new Promise((resolve) => {
    execFile(
      helm,
      ['install', 'x', chartDir, '--dry-run=client'],
      // an isolated HOME/XDG keeps the user's helm config and repositories out of the recording
      {
        encoding: 'buffer',
        maxBuffer: 64 << 20,
        env: {
          ...process.env,
          HELM_CONFIG_HOME: join(chartDir, '.cfg'),
          HELM_CACHE_HOME: join(chartDir, '.cache'),
        },
      },
      (err, stdout, stderr) =>
        resolve({
          failed: !!err,
          stdout: stdout.toString('utf8'),
          stderr: stderr.toString('utf8'),
          validUtf8: isUtf8(stdout),
        }),
    );
  });
}

/** The NOTES text between the markers, or the error helm printed. */
function extract({ failed, stdout, stderr }) {
  if (failed) {
    const at = stderr.indexOf(ERROR_PREFIX);
    if (at < 0) throw new Error(`helm failed without an install error:\n${stderr}`);
    return { error: stderr.slice(at + ERROR_PREFIX.length).trim() };
  }
  const notes = stdout.indexOf('\nNOTES:\n');
  if (notes < 0) throw new Error(`no NOTES section in helm output:\n${stdout}`);
  const start = stdout.indexOf('<<<', notes);
  const end = stdout.lastIndexOf('>>>');
  if (start < 0 || end < start) throw new Error(`markers missing in NOTES:\n${stdout.slice(notes)}`);
  return { output: stdout.slice(start + 3, end) };
}

async function record(helm, tmpRoot, c, index) {
  const dir = join(tmpRoot, `c${index}`);
  await mkdir(join(dir, 'templates'), { recursive: true });
  await writeFile(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: t\nversion: 0.1.0\n');
  await writeFile(join(dir, 'values.yaml'), c.values ?? '');
  if (c.helpers != null) await writeFile(join(dir, 'templates/_helpers.tpl'), c.helpers);
  await writeFile(join(dir, 'templates/NOTES.txt'), `<<<${c.template}>>>`);
  const run = await runHelm(helm, dir);
  // helm printed bytes that are not UTF-8 (e.g. half of a multi-byte character): the recording
  // cannot hold them, so the case should measure them instead (len, b64enc)
  if (!run.validUtf8) console.warn(`warning: ${c.name}: output is not valid UTF-8; recorded with U+FFFD`);
  const first = extract(run);
  const second = extract(await runHelm(helm, dir));
  await rm(dir, { recursive: true, force: true });
  if (first.error !== undefined) return first;
  // a case that fails on one run only has no stable recording; keep the first error
  if (second.error !== undefined) return first;
  return first.output === second.output ? first : { output: first.output, output2: second.output };
}

function scalarNode(doc, text) {
  const node = doc.createNode(text);
  // multi-line text reads best as a literal block; the library falls back to quotes when a block
  // cannot represent the string exactly (trailing spaces, control characters)
  if (text.includes('\n')) node.type = 'BLOCK_LITERAL';
  return node;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const helm = findHelm();
  const files = (await readdir(casesDir)).filter((f) => f.endsWith('.yaml')).sort();
  const areas = opts.areas.length ? opts.areas : files.map((f) => f.replace(/\.yaml$/, ''));
  for (const a of areas) if (!files.includes(`${a}.yaml`)) throw new Error(`no case file for area ${a}`);

  const tmpRoot = await mkdtemp(join(tmpdir(), 'bosun-conformance-'));
  const summary = [];
  try {
    for (const area of areas) {
      const path = join(casesDir, `${area}.yaml`);
      const doc = YAML.parseDocument(await readFile(path, 'utf8'));
      if (doc.errors.length) throw new Error(`${path}: ${doc.errors[0].message}`);
      const items = doc.contents?.items ?? [];
      const names = new Set();
      const todo = [];
      for (const item of items) {
        const c = item.toJSON();
        if (typeof c.name !== 'string' || typeof c.template !== 'string')
          throw new Error(`${path}: every case needs a name and a template (${JSON.stringify(c)})`);
        if (names.has(c.name)) throw new Error(`${path}: duplicate case name ${c.name}`);
        names.add(c.name);
        const recorded = c.output !== undefined || c.error !== undefined;
        if (opts.all || !recorded) todo.push({ item, c });
      }

      let next = 0;
      let changed = 0;
      const counts = { output: 0, error: 0, twoRun: 0 };
      const worker = async () => {
        while (next < todo.length) {
          const i = next++;
          const { item, c } = todo[i];
          const got = await record(helm, tmpRoot, c, `${area}-${i}`);
          const before = JSON.stringify(RECORDED_KEYS.map((k) => c[k]));
          const after = JSON.stringify(RECORDED_KEYS.map((k) => got[k]));
          if (got.error !== undefined) counts.error++;
          else if (got.output2 !== undefined) counts.twoRun++;
          else counts.output++;
          if (before === after) continue;
          // both recordings vary between runs (random functions): keep the old one, so re-recording
          // with --all only changes files whose expectations really changed
          if (got.output2 !== undefined && c.output2 !== undefined) continue;
          changed++;
          for (const k of RECORDED_KEYS) {
            if (got[k] === undefined) item.delete(k);
            else item.set(k, scalarNode(doc, got[k]));
          }
        }
      };
      await Promise.all(Array.from({ length: opts.jobs }, worker));
      if (changed) await writeFile(path, doc.toString({ lineWidth: 0, doubleQuotedAsJSON: true }));
      summary.push(
        `${area.padEnd(16)} ${String(items.length).padStart(4)} cases, ${String(todo.length).padStart(4)} run: ` +
          `${counts.output} output, ${counts.error} error, ${counts.twoRun} two-run; ${changed} changed`,
      );
    }
  } finally {
    await rm(tmpRoot, { recursive: true, force: true });
  }
  console.log(summary.join('\n'));
}

await main();
