// `bosun up`: start the embedded control plane on 127.0.0.1, write the
// kubeconfig, say how to use it, and run until SIGINT/SIGTERM.

import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { startControlPlane } from '../cluster/index.ts';
import { UserError } from './errors.ts';

export interface UpFlags {
  port?: string;
  dataDir?: string;
  kubeconfig?: string;
  mergeKubeconfig?: boolean;
  inMemory?: boolean;
  timeScale?: string;
  nodes?: string;
  imagePullFailure?: string[];
  imageCrash?: string[];
  /** commander's --no-controllers: false when given. */
  controllers?: boolean;
}

function parseNodes(text: string): number {
  const nodes = Number(text);
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > 100)
    throw new UserError(`invalid --nodes "${text}": must be a whole number from 1 to 100`);
  return nodes;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UserError(`invalid port "${text}": must be 0-65535`);
  return port;
}

function parseScale(text: string): number {
  const scale = Number(text);
  if (!(scale > 0) || !Number.isFinite(scale))
    throw new UserError(`invalid --time-scale "${text}": must be a positive number`);
  return scale;
}

export async function runUp(flags: UpFlags, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  const port = parsePort(flags.port ?? '6443');
  const timeScale = parseScale(flags.timeScale ?? '1');
  const nodes = parseNodes(flags.nodes ?? '1');
  const dataDir = resolve(flags.dataDir ?? join(homedir(), '.bosun'));
  const kubeconfig = resolve(flags.kubeconfig ?? join(dataDir, 'kubeconfig'));
  let plane: Awaited<ReturnType<typeof startControlPlane>>;
  try {
    plane = await startControlPlane({
      port,
      dataDir,
      inMemory: flags.inMemory,
      kubeconfig,
      mergeInto: flags.mergeKubeconfig ? join(homedir(), '.kube', 'config') : undefined,
      timeScale,
      nodes,
      imagePullFailure: flags.imagePullFailure,
      imageCrash: flags.imageCrash,
      controllers: flags.controllers !== false,
      onControllerError: process.env.BOSUN_DEBUG_CONTROLLERS
        ? (loop, key, err) => process.stderr.write(`${loop} ${key}: ${(err as Error).message}\n`)
        : undefined,
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UserError(`port ${port} is already in use (try --port)`);
    if (code === 'EACCES') throw new UserError(`cannot listen on port ${port}: permission denied`);
    throw err;
  }
  out.write(
    [
      `bosun control plane (Kubernetes ${'v1.35.0'}) listening on ${plane.url}`,
      `data: ${flags.inMemory ? 'in memory' : dataDir}`,
      flags.controllers === false
        ? 'controllers: off (objects do not move)'
        : `nodes: ${nodes}${timeScale !== 1 ? `, cluster time x${timeScale}` : ''}`,
      `kubeconfig: ${kubeconfig}${flags.mergeKubeconfig ? ' (context "bosun" also merged into ~/.kube/config)' : ''}`,
      '',
      'Point kubectl and helm at it:',
      `  export KUBECONFIG=${kubeconfig}`,
      '  kubectl get namespaces',
      '  helm list -A',
      '',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      out.write('stopping...\n');
      plane.stop().then(done, done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
