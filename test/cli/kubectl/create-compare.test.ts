// `bosun kubectl create TYPE NAME` (the generators) against the real kubectl 1.35 on one control
// plane: each case runs with real kubectl in namespace `ref` and ours in `bos`, in order, so both
// see the same state; stdout, stderr and exit code must be equal after normalisation.

import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { expectSameResult, Harness, kubectlBin } from './harness.ts';
import { runSide } from './sides.ts';

const h = new Harness();
/** Files the `--from-file`/`--from-env-file`/`--cert` cases read, relative to the work dir. */
function writeInputs(dir: string): void {
  mkdirSync(join(dir, 'conf/sub'), { recursive: true });
  writeFileSync(join(dir, 'conf/app.properties'), 'mode=fast\n');
  writeFileSync(join(dir, 'conf/b'), 'y\n');
  writeFileSync(join(dir, 'conf/bin'), Buffer.from([0xff, 0xfe, 0x00]));
  writeFileSync(join(dir, 'one.txt'), 'one');
  writeFileSync(join(dir, 'app.env'), '\ufeff# comment\nA=1\n  C=3  \nFROM_ENV\n\nF="q"\r\nG=a=b\n');
  writeFileSync(join(dir, 'bad.env'), 'B =2\n');
  writeFileSync(join(dir, 'docker.json'), '{"auths":{}}');
}

/** A self-signed pair and a second key for `create secret tls`; false when openssl is absent. */
function tryWriteCert(dir: string): boolean {
  const selfSigned = (subject: string, name: string) =>
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-subj',
        subject,
        '-days',
        '1',
        '-keyout',
        `${name}.key`,
        '-out',
        `${name}.crt`,
      ],
      { cwd: dir, stdio: 'ignore' },
    );
  try {
    selfSigned('/CN=x', 'tls');
    selfSigned('/CN=y', 'other');
    return true;
  } catch {
    return false;
  }
}

const env = { FROM_ENV: 'from-the-environment' };

// Each case is the command line after `kubectl`; run in order.
const cases: string[][] = [
  // namespace
  ['create', 'namespace', 'gen-{ns}', '--dry-run=client', '-o', 'json'],
  ['create', 'ns', 'gen-{ns}', '--dry-run=server'],
  ['create', 'ns', 'gen-{ns}', '-o', 'name'],
  ['create', 'ns', 'gen-{ns}'],
  ['create', 'ns'],
  ['create', 'ns', 'a', 'b'],
  // configmap
  [
    'create',
    'configmap',
    'c1',
    '--from-literal=a=1',
    '--from-literal=b="q"',
    '--dry-run=client',
    '-o',
    'yaml',
  ],
  ['create', 'cm', 'c1', '--from-literal=a=1', '-o', 'json'],
  ['create', 'cm', 'c1', '--from-literal=a=1'],
  ['create', 'cm', 'c2', '--from-file=conf', '-o', 'yaml'],
  ['create', 'cm', 'c3', '--from-file=k=one.txt', '--from-file=conf/b', '--dry-run=client', '-o', 'json'],
  ['create', 'cm', 'c4', '--from-env-file=app.env', '-o', 'jsonpath={.data}'],
  ['create', 'cm', 'c5', '--from-literal=a=1', '--append-hash', '--dry-run=server', '-o', 'name'],
  ['create', 'cm', 'c5', '--from-literal==1'],
  ['create', 'cm', 'c5', '--from-literal=a'],
  ['create', 'cm', 'c5', '--from-literal=a=1', '--from-literal=a=2'],
  ['create', 'cm', 'c5', '--from-literal=a/b=1'],
  ['create', 'cm', 'c5', '--from-file=k=conf'],
  ['create', 'cm', 'c5', '--from-file=nope'],
  ['create', 'cm', 'c5', '--from-file==x'],
  ['create', 'cm', 'c5', '--from-file=x='],
  ['create', 'cm', 'c5', '--from-file=a=b=c'],
  ['create', 'cm', 'c5', '--from-env-file=bad.env'],
  ['create', 'cm', 'c5', '--from-env-file=app.env', '--from-literal=a=1'],
  ['create', 'cm', 'c5', '--from-env-file=conf'],
  ['create', 'cm', 'c5', '--bogus'],
  ['create', 'cm', 'c5', '-o', 'wide'],
  ['create', 'cm', 'c5', '--dry-run=maybe'],
  // secrets
  ['create', 'secret', 'generic', 's1', '--from-literal=p=q', '--type=Opaque', '-o', 'yaml'],
  ['create', 'secret', 'generic', 's1', '--from-literal=p=q'],
  [
    'create',
    'secret',
    'generic',
    's2',
    '--from-file=conf',
    '--from-literal=x=y',
    '--dry-run=client',
    '-o',
    'json',
  ],
  [
    'create',
    'secret',
    'generic',
    's2',
    '--from-env-file=app.env',
    '--append-hash',
    '--dry-run=client',
    '-o',
    'yaml',
  ],
  ['create', 'secret', 'generic', 's2', '--from-literal=a=1', '--from-literal=a=2'],
  ['create', 'secret', 'generic', 's2', '--from-literal=a/b=1'],
  [
    'create',
    'secret',
    'docker-registry',
    'reg',
    '--docker-username=u',
    '--docker-password=p<&>',
    '--docker-email=e@x',
    '-o',
    'yaml',
  ],
  [
    'create',
    'secret',
    'docker-registry',
    'reg2',
    '--docker-username=u',
    '--docker-password=p',
    '--docker-server=r.io',
    '--dry-run=client',
    '-o',
    'json',
  ],
  [
    'create',
    'secret',
    'docker-registry',
    'reg3',
    '--from-file=docker.json',
    '--dry-run=client',
    '-o',
    'yaml',
  ],
  ['create', 'secret', 'docker-registry', 'reg3', '--docker-username=u'],
  ['create', 'secret', 'tls', 't1'],
  ['create', 'secret', 'tls', 't1', '--cert=nope.crt', '--key=nope.key'],
  ['create', 'secret', 'tls', 't1', '--cert=one.txt', '--key=one.txt'],
  ['create', 'secret', 'tls', 't1', '--cert=tls.crt', '--key=other.key'],
  [
    'create',
    'secret',
    'tls',
    't1',
    '--cert=tls.crt',
    '--key=tls.key',
    '-o',
    'jsonpath={.type} {.metadata.name}',
  ],
  ['create', 'secret', 'nope', 'x'],
  ['create', 'secret'],
  ['create', 'svc'],
  ['create', 'secret', '--dry-run=client'],
  // deployment
  [
    'create',
    'deployment',
    'web',
    '--image=nginx:1.25',
    '--image=busybox',
    '--replicas=2',
    '--port=80',
    '-o',
    'yaml',
  ],
  [
    'create',
    'deploy',
    'web2',
    '--image=nginx',
    '--dry-run=client',
    '-o',
    'json',
    '--',
    'nginx',
    '-g',
    'daemon off;',
  ],
  ['create', 'deploy', 'web3', '--image=a', '--image=b', '--', 'sleep'],
  ['create', 'deploy', 'web3'],
  ['create', 'deploy', 'web3', '--image=x', '--port=x'],
  ['create', 'deploy', 'web', '--image=nginx'],
  // services
  ['create', 'service', 'clusterip', 'svc1', '--tcp=80:8080', '--tcp=443,53:dns', '-o', 'yaml'],
  ['create', 'svc', 'clusterip', 'svc1', '--tcp=80'],
  ['create', 'svc', 'clusterip', 'svc2', '--clusterip=None', '-o', 'json'],
  ['create', 'svc', 'nodeport', 'svc3', '--tcp=80', '--node-port=30080', '--dry-run=client', '-o', 'yaml'],
  ['create', 'svc', 'loadbalancer', 'svc4', '--tcp=80:8080', '--dry-run=server', '-o', 'name'],
  ['create', 'svc', 'externalname', 'svc5', '--external-name=db.example.com', '-o', 'yaml'],
  ['create', 'svc', 'externalname', 'svc6'],
  ['create', 'svc', 'externalname', 'svc6', '--external-name=Bad_Name'],
  ['create', 'svc', 'clusterip', 'svc6'],
  ['create', 'svc', 'clusterip', 'svc6', '--tcp=abc'],
  ['create', 'svc', 'clusterip', 'svc6', '--tcp=70000'],
  ['create', 'svc', 'clusterip', 'svc6', '--tcp=80:0'],
  ['create', 'svc', 'clusterip', 'svc6', '--tcp=80:Bad_name'],
  ['create', 'svc', 'nodeport', 'svc6', '--clusterip=None'],
  // job, cronjob
  ['create', 'cronjob', 'cj', '--image=busybox', '--schedule=*/5 * * * *', '-o', 'yaml', '--', 'echo', 'hi'],
  [
    'create',
    'cronjob',
    'cj2',
    '--image=busybox',
    '--schedule=@daily',
    '--restart=Never',
    '--dry-run=client',
    '-o',
    'json',
  ],
  ['create', 'cronjob', 'cj3'],
  ['create', 'cronjob', 'cj3', '--image=x', '--schedule=@daily', '--restart=Always'],
  ['create', 'job', 'j1', '--image=busybox', '-o', 'yaml', '--', 'echo', 'hi'],
  ['create', 'job', 'j2', '--from=cronjob/cj', '--dry-run=client', '-o', 'yaml'],
  ['create', 'job', 'j2', '--from=cronjob/nope'],
  ['create', 'job', 'j3'],
  ['create', 'job', 'j3', '--image=x', '--from=cronjob/cj'],
  ['create', 'job', 'j1', '--image=busybox'],
  // service accounts and RBAC
  ['create', 'serviceaccount', 'robot', '-o', 'yaml'],
  ['create', 'sa', 'robot'],
  [
    'create',
    'role',
    'reader',
    '--verb=get,list',
    '--verb=watch',
    '--resource=pods,deployments.apps',
    '--resource=rs,pods/log',
    '-o',
    'yaml',
  ],
  [
    'create',
    'role',
    'all',
    '--verb=*',
    '--resource=deploy,*',
    '--resource-name=a',
    '--resource-name=b',
    '--dry-run=client',
    '-o',
    'json',
  ],
  ['create', 'role', 'odd', '--verb=frob', '--resource=pods', '--dry-run=client', '-o', 'name'],
  ['create', 'role', 'x', '--resource=pods'],
  ['create', 'role', 'x', '--verb=get'],
  ['create', 'role', 'x', '--verb=get', '--resource=nopes'],
  ['create', 'role', 'x', '--verb=get', '--resource=pods.nope'],
  ['create', 'role', 'reader', '--verb=get', '--resource=pods'],
  [
    'create',
    'clusterrole',
    'gen-cr',
    '--verb=get',
    '--resource=nodes',
    '--non-resource-url=/healthz,/metrics/*',
    '--dry-run=client',
    '-o',
    'yaml',
  ],
  ['create', 'clusterrole', 'gen-cr', '--aggregation-rule=a=b', '--dry-run=client', '-o', 'yaml'],
  ['create', 'clusterrole', 'gen-cr', '--aggregation-rule=a=b', '--verb=get', '--dry-run=client'],
  ['create', 'clusterrole', 'gen-cr', '--verb=list', '--non-resource-url=/x', '--dry-run=client'],
  [
    'create',
    'rolebinding',
    'rb',
    '--role=reader',
    '--user=alice',
    '--user=bob',
    '--group=devs',
    '-o',
    'yaml',
  ],
  [
    'create',
    'rolebinding',
    'rb3',
    '--role=reader',
    '--serviceaccount={ns}:robot',
    '--user=u',
    '--dry-run=client',
    '-o',
    'yaml',
  ],
  ['create', 'rolebinding', 'rb', '--role=reader'],
  ['create', 'rolebinding', 'rb2', '--clusterrole=view', '--dry-run=client', '-o', 'json'],
  ['create', 'rolebinding', 'rb2'],
  ['create', 'rolebinding', 'rb2', '--role=a', '--clusterrole=b'],
  ['create', 'rolebinding', 'rb2', '--role=a', '--serviceaccount=bad'],
  [
    'create',
    'clusterrolebinding',
    'gen-crb',
    '--clusterrole=view',
    '--user=alice',
    '--group=g1,g2',
    '--dry-run=client',
    '-o',
    'yaml',
  ],
  ['create', 'clusterrolebinding', 'crb-{ns}', '--clusterrole=view', '--group=g', '-o', 'json'],
  ['create', 'clusterrole', 'cr-{ns}', '--verb=get', '--resource=nodes'],
  ['create', 'clusterrole', 'cr-{ns}', '--verb=get', '--resource=nodes'],
  ['create', 'clusterrolebinding', 'gen-crb'],
  // ingress
  [
    'create',
    'ingress',
    'ing',
    '--class=nginx',
    '--rule=foo.com/=svc:http,tls=sec',
    '--rule=foo.com/a*=svc2:80',
    '--rule=bar.com/b=svc:80,tls=sec',
    '--rule=/x=s3:81,tls',
    '--default-backend=def:80',
    '--annotation=a=b',
    '-o',
    'json',
  ],
  ['create', 'ingress', 'ing2', '--rule=c.com/=s:3,tls', '--dry-run=client', '-o', 'yaml'],
  ['create', 'ingress', 'ing2', '--rule=foo'],
  ['create', 'ingress', 'ing2'],
  ['create', 'ingress', 'ing2', '--default-backend=x'],
  ['create', 'ingress', 'ing2', '--annotation=x', '--rule=a/=b:1'],
  ['create', 'ingress', 'ing', '--rule=a.com/=b:1'],
  // create with neither -f nor a generator
  ['create'],
  ['create', 'foo'],
];

describe.skipIf(!kubectlBin)('kubectl create generators equal kubectl 1.35', () => {
  let haveCert = false;
  beforeAll(async () => {
    await h.start();
    writeInputs(h.work);
    haveCert = tryWriteCert(h.work);
  }, 60_000);
  afterAll(() => h.stop());

  for (const args of cases) {
    test(args.join(' '), async (ctx) => {
      if (args.some((a) => a.startsWith('--cert=tls.crt')) && !haveCert) ctx.skip(); // no openssl here
      const expected = await runSide(h, 'ref', args, { env });
      expectSameResult(await runSide(h, 'bos', args, { env }), expected);
    }, 60_000);
  }
});
