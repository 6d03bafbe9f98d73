// The cluster's secrets on disk: the CA, the serving certificate and the admin
// token, created on first start and reused afterwards so a kubeconfig written
// once keeps working across restarts. Files are written owner-only.

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Certificate,
  createCertificateAuthority,
  createServingCertificate,
  loadCertificate,
} from './tls.ts';

export interface Credentials {
  ca: Certificate;
  serving: Certificate;
  token: string;
}

const servingHosts = {
  dns: ['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc'],
  ips: ['127.0.0.1'],
};

export function newCredentials(now: Date): Credentials {
  const ca = createCertificateAuthority('bosun-ca', now);
  return {
    ca,
    serving: createServingCertificate(ca, 'kube-apiserver', servingHosts, now),
    token: randomBytes(32).toString('hex'),
  };
}

function writePrivate(path: string, text: string): void {
  writeFileSync(path, text, { mode: 0o600 });
}

/** Loads the credentials under `dir/tls`, creating what is missing. */
export function loadOrCreateCredentials(dir: string, now: Date): Credentials {
  const tls = join(dir, 'tls');
  mkdirSync(tls, { recursive: true, mode: 0o700 });
  const files = {
    caCert: join(tls, 'ca.crt'),
    caKey: join(tls, 'ca.key'),
    cert: join(tls, 'serving.crt'),
    key: join(tls, 'serving.key'),
    token: join(tls, 'admin.token'),
  };
  if (Object.values(files).every((f) => existsSync(f))) {
    return {
      ca: loadCertificate(readFileSync(files.caCert, 'utf8'), readFileSync(files.caKey, 'utf8')),
      serving: loadCertificate(readFileSync(files.cert, 'utf8'), readFileSync(files.key, 'utf8')),
      token: readFileSync(files.token, 'utf8').trim(),
    };
  }
  const created = newCredentials(now);
  writeFileSync(files.caCert, created.ca.certPem);
  writePrivate(files.caKey, created.ca.keyPem);
  writeFileSync(files.cert, created.serving.certPem);
  writePrivate(files.key, created.serving.keyPem);
  writePrivate(files.token, `${created.token}\n`);
  return created;
}
