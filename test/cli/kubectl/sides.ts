// Runs one command on each side of a comparison with kubectl's global flags before the command
// (so words after `--` stay a container's command): real kubectl in namespace `ref`, `bosun
// kubectl` in `bos`. `{ns}` in an argument becomes the side's namespace name, which keeps
// cluster-scoped objects of the two sides apart; ours has `bos` renamed back to `ref`.

import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { bosunCommand } from '../../support/bosun-cli.ts';
import { type Harness, kubectlBin, type Result } from './harness.ts';

const root = resolve(import.meta.dirname, '../../..');

export type Side = 'ref' | 'bos';

export interface SideOptions {
  env?: NodeJS.ProcessEnv;
  stdin?: string;
}

export function runSide(h: Harness, which: Side, args: string[], options: SideOptions = {}): Promise<Result> {
  const withNs = args.map((a) => a.replaceAll('{ns}', which));
  const [bin, pre] =
    which === 'ref' ? [kubectlBin!, []] : [bosunCommand()[0], [...bosunCommand()[1], 'kubectl']];
  return new Promise((done) => {
    const child = execFile(
      bin,
      [...pre, '--kubeconfig', h.kubeconfig, '-n', which, ...withNs],
      { cwd: h.work, timeout: 30_000, env: { ...process.env, ...options.env } },
      (err, stdout, stderr) => {
        const rename = (t: string) => (which === 'bos' ? t.replace(/\bbos\b/g, 'ref') : t);
        done({
          code: err ? Number((err as { code?: number }).code ?? 1) : 0,
          stdout: rename(stdout),
          stderr: rename(stderr),
        });
      },
    );
    child.stdin?.end(options.stdin ?? '');
  });
}
