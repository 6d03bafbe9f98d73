/**
 * The workload generators: `create deployment` (images, replicas, port, command), `create job`
 * (an image and command, or `--from=cronjob/NAME`) and `create cronjob`.
 */
import { resourcePath } from '../../kube/client/index.ts';
import { builtinResource, containerCommandOf, type Generator } from './create.ts';
import { KubectlError } from './session.ts';

/** utilrand.String's alphabet (no vowels, no look-alikes). */
const randomAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

function randomSuffix(length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += randomAlphabet[Math.floor(Math.random() * randomAlphabet.length)];
  return s;
}

/**
 * The container name kubectl derives from an image: the last path segment without tag or
 * digest; `_` and `.` become `-` and then a random suffix keeps such names apart.
 */
export function containerNameOf(image: string): string {
  let name = image.split('/').pop() ?? image;
  name = name.split(':')[0];
  name = name.split('@')[0];
  if (/[_.]/.test(name)) name = `${name.replace(/[_.]/g, '-')}-${randomSuffix(5)}`;
  return name;
}

const deploymentGenerator: Generator = {
  command: 'create deployment',
  resource: {
    ...builtinResource('apps', 'deployments', 'Deployment', true),
    subresources: ['scale', 'status'],
  },
  failure: 'failed to create deployment:',
  required: ['image'],
  takesCommand: true,
  flags: [
    { name: 'image', type: 'stringArray' },
    { name: 'replicas', short: 'r', type: 'int', default: 1 },
    { name: 'port', type: 'int', default: -1 },
  ],
  build(name, { flags }) {
    const images = flags.list('image');
    const command = containerCommandOf(flags);
    if (images.length > 1 && command.length > 0)
      throw new KubectlError('error: cannot specify multiple --image options and command');
    const labels = { app: name };
    const containers = images.map((image) => {
      const c: Record<string, any> = { image, name: containerNameOf(image), resources: {} };
      if (command.length > 0) c.command = command;
      return c;
    });
    const port = flags.int('port');
    if (port >= 0 && containers.length > 0) containers[0].ports = [{ containerPort: port }];
    return {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { labels, name },
      spec: {
        replicas: flags.int('replicas'),
        selector: { matchLabels: labels },
        strategy: {},
        template: { metadata: { labels }, spec: { containers } },
      },
      status: {},
    };
  },
};

const jobGenerator: Generator = {
  command: 'create job',
  resource: builtinResource('batch', 'jobs', 'Job', true),
  failure: 'failed to create job:',
  takesCommand: true,
  flags: [
    { name: 'image', type: 'string' },
    { name: 'from', type: 'string' },
  ],
  async build(name, { flags, session, namespace }) {
    const image = flags.str('image');
    const from = flags.str('from');
    if ((image === '') === (from === ''))
      throw new KubectlError('error: either --image or --from must be specified');
    const command = containerCommandOf(flags);
    if (from && command.length > 0) throw new KubectlError('error: cannot specify --from and command');
    if (image) {
      const container: Record<string, any> = { image, name, resources: {} };
      if (command.length > 0) container.command = command;
      return {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name },
        spec: { template: { metadata: {}, spec: { containers: [container], restartPolicy: 'Never' } } },
        status: {},
      };
    }
    const slash = from.indexOf('/');
    const s = session();
    const resource = await s.discovery.resolveOne(slash < 0 ? from : from.slice(0, slash));
    const sourceName = slash < 0 ? '' : from.slice(slash + 1);
    const source = await s.rest.json('GET', resourcePath(resource, { namespace, name: sourceName }));
    if (resource.kind !== 'CronJob')
      throw new KubectlError(`error: unknown object type *${resource.version}.${resource.kind}`);
    const template = source.spec?.jobTemplate ?? {};
    // a job started by hand from a CronJob: its template, marked and owned (without
    // blockOwnerDeletion, which would need the cronjobs/finalizers permission)
    const metadata: Record<string, any> = {
      annotations: {
        'cronjob.kubernetes.io/instantiate': 'manual',
        ...(template.metadata?.annotations ?? {}),
      },
      name,
      ownerReferences: [
        {
          apiVersion: 'batch/v1',
          controller: true,
          kind: 'CronJob',
          name: source.metadata?.name,
          uid: source.metadata?.uid,
        },
      ],
    };
    if (template.metadata?.labels) metadata.labels = template.metadata.labels;
    return { apiVersion: 'batch/v1', kind: 'Job', metadata, spec: template.spec ?? {}, status: {} };
  },
};

const cronJobGenerator: Generator = {
  command: 'create cronjob',
  resource: builtinResource('batch', 'cronjobs', 'CronJob', true),
  failure: 'failed to create cronjob:',
  required: ['image', 'schedule'],
  takesCommand: true,
  flags: [
    { name: 'image', type: 'string' },
    { name: 'schedule', type: 'string' },
    { name: 'restart', type: 'string' },
  ],
  build(name, { flags }) {
    const container: Record<string, any> = { image: flags.str('image'), name, resources: {} };
    const command = containerCommandOf(flags);
    if (command.length > 0) container.command = command;
    return {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name },
      spec: {
        jobTemplate: {
          metadata: { name },
          spec: {
            template: {
              metadata: {},
              spec: { containers: [container], restartPolicy: flags.str('restart') || 'OnFailure' },
            },
          },
        },
        schedule: flags.str('schedule'),
      },
      status: {},
    };
  },
};

export const workloadGenerators: Record<string, Generator> = {
  deployment: deploymentGenerator,
  job: jobGenerator,
  cronjob: cronJobGenerator,
};
