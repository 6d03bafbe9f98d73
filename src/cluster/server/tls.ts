// The cluster's certificates, as k3s makes them: a self-signed CA and a serving
// certificate for 127.0.0.1/localhost signed by it (ECDSA P-256, SHA-256). node:crypto
// signs and verifies but cannot build X.509, so a minimal DER writer lives here.

import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
  X509Certificate,
} from 'node:crypto';

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
function tlv(tag: number, body: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
}
const seq = (...parts: Uint8Array[]) => tlv(0x30, Buffer.concat(parts));
const set = (...parts: Uint8Array[]) => tlv(0x31, Buffer.concat(parts));
const explicit = (n: number, body: Uint8Array) => tlv(0xa0 | n, body);
const octets = (body: Uint8Array) => tlv(0x04, body);
const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));
const bool = (v: boolean) => tlv(0x01, Buffer.from([v ? 0xff : 0]));
const bits = (body: Uint8Array) => tlv(0x03, Buffer.concat([Buffer.from([0]), body]));

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const out = [40 * a + b];
  for (const n of rest) {
    const chunk: number[] = [n & 0x7f];
    for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift(0x80 | (v & 0x7f));
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

function positiveInteger(bytes: Uint8Array): Buffer {
  let body = Buffer.from(bytes);
  while (body.length > 1 && body[0] === 0 && !(body[1] & 0x80)) body = body.subarray(1);
  if (body[0] & 0x80) body = Buffer.concat([Buffer.from([0]), body]);
  return tlv(0x02, body);
}

/** UTCTime up to 2049, GeneralizedTime after, as RFC 5280 requires. */
function time(d: Date): Buffer {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return d.getUTCFullYear() < 2050
    ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`))
    : tlv(0x18, Buffer.from(`${iso}Z`));
}

const ecdsaWithSha256 = seq(oid('1.2.840.10045.4.3.2'));

function name(commonName: string, organization?: string): Buffer {
  const rdns = [];
  if (organization) rdns.push(set(seq(oid('2.5.4.10'), utf8(organization))));
  rdns.push(set(seq(oid('2.5.4.3'), utf8(commonName))));
  return seq(...rdns);
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return critical ? seq(oid(id), bool(true), octets(value)) : seq(oid(id), octets(value));
}

/** KeyUsage bits: digitalSignature(0), keyEncipherment(2), keyCertSign(5). */
function keyUsage(usages: number[]): Buffer {
  let byte = 0;
  for (const u of usages) byte |= 0x80 >> u;
  return tlv(0x03, Buffer.from([1, byte]));
}

export interface KeyPair {
  key: KeyObject;
  /** PEM of the PKCS#8 private key. */
  keyPem: string;
}

export interface Certificate extends KeyPair {
  certPem: string;
  der: Buffer;
}

interface CertSpec {
  subject: Buffer;
  issuer: Buffer;
  issuerKey: KeyObject;
  publicKey: KeyObject;
  notBefore: Date;
  notAfter: Date;
  extensions: Buffer[];
}

function buildCertificate(spec: CertSpec): Buffer {
  const spki = spec.publicKey.export({ type: 'spki', format: 'der' });
  const serial = randomBytes(16);
  serial[0] &= 0x7f;
  const tbs = seq(
    explicit(0, tlv(0x02, Buffer.from([2]))),
    positiveInteger(serial),
    ecdsaWithSha256,
    spec.issuer,
    seq(time(spec.notBefore), time(spec.notAfter)),
    spec.subject,
    spki,
    explicit(3, seq(...spec.extensions)),
  );
  const signature = sign('sha256', tbs, spec.issuerKey);
  return seq(tbs, ecdsaWithSha256, bits(signature));
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

function newKey(): KeyPair {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { key: privateKey, keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string };
}

export function loadKey(keyPem: string): KeyPair {
  return { key: createPrivateKey(keyPem), keyPem };
}

const day = 86_400_000;

/** A self-signed CA valid for ten years. */
export function createCertificateAuthority(commonName: string, now: Date): Certificate {
  const pair = newKey();
  const subject = name(commonName);
  const der = buildCertificate({
    subject,
    issuer: subject,
    issuerKey: pair.key,
    publicKey: createPublicKey(pair.key),
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + 3650 * day),
    extensions: [
      extension('2.5.29.15', true, keyUsage([0, 2, 5])),
      extension('2.5.29.19', true, seq(bool(true))),
    ],
  });
  return { ...pair, der, certPem: pem('CERTIFICATE', der) };
}

/** A serving certificate for the given DNS names and IP addresses, valid for one year. */
export function createServingCertificate(
  ca: Certificate,
  commonName: string,
  hosts: { dns: string[]; ips: string[] },
  now: Date,
): Certificate {
  const pair = newKey();
  const sans = [
    ...hosts.dns.map((d) => tlv(0x82, Buffer.from(d, 'ascii'))),
    ...hosts.ips.map((ip) => tlv(0x87, Buffer.from(ip.split('.').map(Number)))),
  ];
  const der = buildCertificate({
    subject: name(commonName),
    issuer: name(caCommonName(ca)),
    issuerKey: ca.key,
    publicKey: createPublicKey(pair.key),
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + 365 * day),
    extensions: [
      extension('2.5.29.15', true, keyUsage([0, 2])),
      extension('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'))),
      extension('2.5.29.19', true, seq()),
      extension('2.5.29.17', false, seq(...sans)),
    ],
  });
  return { ...pair, der, certPem: pem('CERTIFICATE', der) };
}

// The CA's subject is needed verbatim as the issuer of what it signs; our CAs carry
// only a CN, which X509Certificate reports as `CN=<name>`.
function caCommonName(ca: Certificate): string {
  const subject = new X509Certificate(ca.der).subject;
  const cn = /(?:^|\n)CN=([^\n]*)/.exec(subject);
  if (!cn) throw new Error('CA certificate has no common name');
  return cn[1];
}

/** Reads back a certificate stored as PEM together with its key. */
export function loadCertificate(certPem: string, keyPem: string): Certificate {
  const der = new X509Certificate(certPem).raw;
  return { ...loadKey(keyPem), der, certPem };
}
