/**
 * `kubectl cluster-info`: where the control plane runs and the cluster services (labelled
 * `kubernetes.io/cluster-service=true` in kube-system, or the namespace `-n` names) with the
 * link kubectl derives for each: the load balancer's address, else the API server's proxy path.
 */
import { loadClientConfig } from '../../kube/client/index.ts';
import { KubectlError, runCommand } from './session.ts';

const green = (s: string) => (process.stdout.isTTY ? `\x1b[32m${s}\x1b[0m` : s);
const yellow = (s: string) => (process.stdout.isTTY ? `\x1b[33m${s}\x1b[0m` : s);

function printService(name: string, link: string): void {
  process.stdout.write(`${green(name)} is running at ${yellow(link)}\n`);
}

export function runClusterInfo(argv: string[]): Promise<void> {
  if (argv[0] === 'dump')
    return runCommand('cluster-info dump', argv.slice(1), [], async () => {
      throw new KubectlError('error: bosun kubectl does not implement cluster-info dump');
    });
  return runCommand('cluster-info', argv, [], async (flags, sessionOf) => {
    const session = sessionOf();
    const host = loadClientConfig({
      kubeconfig: flags.str('kubeconfig') || undefined,
      context: flags.str('context') || undefined,
      cluster: flags.str('cluster') || undefined,
      server: flags.str('server') || undefined,
    }).server.replace(/\/$/, '');
    const namespace = flags.str('namespace') || 'kube-system';
    const services = await session.rest.json('GET', `/api/v1/namespaces/${namespace}/services`, {
      query: { labelSelector: 'kubernetes.io/cluster-service=true' },
    });
    printService('Kubernetes control plane', host);
    for (const svc of services.items ?? []) {
      const ingress = svc.status?.loadBalancer?.ingress ?? [];
      let link = '';
      if (ingress.length > 0) {
        const ip = ingress[0].ip || ingress[0].hostname;
        for (const p of svc.spec?.ports ?? []) link += `http://${ip}:${p.port} `;
      } else {
        let name = svc.metadata.name;
        const port = svc.spec?.ports?.[0];
        if (port) {
          const scheme = port.name === 'https' || port.port === 443 ? 'https' : '';
          const portName = port.name ?? '';
          name = scheme ? `${scheme}:${name}:${portName}` : portName ? `${name}:${portName}` : name;
        }
        link = `${host}/api/v1/namespaces/${svc.metadata.namespace}/services/${name}/proxy`;
      }
      printService(svc.metadata.labels?.['kubernetes.io/name'] || svc.metadata.name, link);
    }
    process.stdout.write(
      "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n",
    );
    return 0;
  });
}
