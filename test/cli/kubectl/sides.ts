// Runs one command on each side of a comparison with kubectl's global flags before the command
// (so words after `--` stay a container's command): real kubectl in namespace `ref`, `bosun
// kubectl` in `bos`. `{ns}` in an argument becomes the side's namespace name, which keeps
// cluster-scoped objects of the two sides apart; ours has `bos` renamed back to `ref`.

import { bosunCommand } from '../../support/bosun-cli.ts';
import { type Harness, kubectlBin, type Result, runClient, type Sides } from './harness.ts';

export type Side = 'ref' | 'bos';

export interface SideOptions {
  env?: NodeJS.ProcessEnv;
  stdin?: string;
}

export async function runSide(
  h: Harness,
  which: Side,
  args: string[],
  options: SideOptions = {},
): Promise<Result> {
  const withNs = args.map((a) => a.replaceAll('{ns}', which));
  const [bin, pre] =
    which === 'ref' ? [kubectlBin!, []] : [bosunCommand()[0], [...bosunCommand()[1], 'kubectl']];
  const r = await runClient(
    bin,
    [...pre, '--kubeconfig', h.kubeconfig, '-n', which, ...withNs],
    h.work,
    options.env,
    options.stdin ?? '',
  );
  const rename = (t: string) => (which === 'bos' ? t.replace(/\bbos\b/g, 'ref') : t);
  return { code: r.code, stdout: rename(r.stdout), stderr: rename(r.stderr) };
}

/** Both sides running commands through `runSide` (for `compareEach`). */
export function flagsFirst(h: Harness, options: SideOptions = {}): Sides {
  return {
    real: (args) => runSide(h, 'ref', args, options),
    ours: (args) => runSide(h, 'bos', args, options),
  };
}
