/**
 * Certificates as Sprig's gen* functions make them: Go's x509.CreateCertificate output for
 * Sprig's template (random 128-bit serial, CN-only subject, validity now..now+days, key usage,
 * server+client ext key usage, basic constraints, SANs), and the `certificate` struct they return.
 */
import { createHash, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { GO, type GoObject, isGoObject } from '../../value.ts';
import {
  bitString,
  boolean,
  certTime,
  children,
  content,
  decodeOid,
  type Element,
  explicit,
  implicitPrimitive,
  integer,
  octetString,
  oid,
  readElement,
  sequence,
  set,
  TAG,
  tlv,
} from './c-der.ts';
import { type PrivateKey, privateKeyPem, publicKeyGoType, publicKeyInfo, signerFor } from './c-keys.ts';
import { pemDecode, pemEncode } from './c-pem.ts';

// --- The certificate struct --------------------------------------------------------------

const CERT_PARTS = Symbol('sprig.certificate');

export interface CertificateParts {
  Cert: string;
  Key: string;
}

/** Sprig's `certificate` struct: exported string fields Cert and Key. */
export function makeCertificate(parts: CertificateParts): GoObject {
  const { Cert, Key } = parts;
  return {
    [CERT_PARTS]: parts,
    [GO]: {
      type: 'sprig.certificate',
      kind: 'struct',
      field: (name: string) =>
        name === 'Cert'
          ? { found: true, value: Cert }
          : name === 'Key'
            ? { found: true, value: Key }
            : { found: false },
      fields: () => [
        ['Cert', Cert],
        ['Key', Key],
      ],
    },
  } as GoObject;
}

/** The fields of a `certificate` value, or undefined for any other value. */
export function certificateParts(v: unknown): CertificateParts | undefined {
  if (!isGoObject(v)) return undefined;
  return (v as unknown as Record<symbol, CertificateParts | undefined>)[CERT_PARTS];
}

// --- Template ----------------------------------------------------------------------------

export interface CertTemplate {
  cn: string;
  ips: Buffer[];
  dnsNames: string[];
  notBefore: Date;
  notAfter: Date;
  isCA: boolean;
}

/** Go's fmt %v of a list element that was not a string. */
export type Describe = (v: unknown) => string;

/** getNetIPs: every element must be a string net.ParseIP accepts. */
function netIPs(ips: unknown[] | null | undefined, describe: Describe): Buffer[] {
  return (ips ?? []).map((ip) => {
    if (typeof ip !== 'string') throw new Error(`error parsing ip: ${describe(ip)} is not a string`);
    const bytes = parseIP(ip);
    if (!bytes) throw new Error(`error parsing ip: ${ip}`);
    return bytes;
  });
}

/**
 * net.ParseIP, reduced to what goes into a certificate: 4 bytes for IPv4 and IPv4-mapped IPv6
 * (x509 writes ip.To4() when it exists), 16 bytes otherwise. Node's isIP is as strict as Go
 * about leading zeros and rejects zones, as Go does.
 */
function parseIP(s: string): Buffer | undefined {
  const family = isIP(s);
  if (family === 4) return Buffer.from(s.split('.').map(Number));
  if (family !== 6) return undefined;
  const bytes = ipv6Bytes(s);
  const mapped = bytes.subarray(0, 12).equals(Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255]));
  return mapped ? bytes.subarray(12) : bytes;
}

function ipv6Bytes(s: string): Buffer {
  let text = s;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    // an embedded dotted IPv4 tail is two 16-bit groups
    const [a = 0, b = 0, c = 0, d = 0] = tail.split('.').map(Number);
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const groupsOf = (part: string) => (part === '' ? [] : part.split(':').map((h) => Number.parseInt(h, 16)));
  const gap = text.indexOf('::');
  const groups =
    gap < 0
      ? groupsOf(text)
      : (() => {
          const left = groupsOf(text.slice(0, gap));
          const right = groupsOf(text.slice(gap + 2));
          return [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
        })();
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => {
    out.writeUInt16BE(g, i * 2);
  });
  return out;
}

/** getAlternateDNSStrs: every element must be a string. */
function dnsNames(names: unknown[] | null | undefined, describe: Describe): string[] {
  return (names ?? []).map((n) => {
    if (typeof n !== 'string')
      throw new Error(`error processing alternate dns name: ${describe(n)} is not a string`);
    return n;
  });
}

const NS_PER_DAY = 24n * 3600n * 1_000_000_000n;

/** getBaseCertTemplate; validity is computed with Go's wrapping int64 Duration arithmetic. */
export function baseTemplate(
  cn: string,
  ips: unknown[] | null | undefined,
  alternateDNS: unknown[] | null | undefined,
  daysValid: bigint,
  describe: Describe,
): CertTemplate {
  const ipBytes = netIPs(ips, describe);
  const names = dnsNames(alternateDNS, describe);
  const now = Date.now();
  const validNs = BigInt.asIntN(64, NS_PER_DAY * daysValid);
  return {
    cn,
    ips: ipBytes,
    dnsNames: names,
    notBefore: new Date(now),
    notAfter: new Date(now + Number(validNs / 1_000_000n)),
    isCA: false,
  };
}

// --- Encoding ----------------------------------------------------------------------------

/** encoding/asn1's PrintableString alphabet (without '*' and '&', as pkix names marshal). */
const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

/** pkix.Name with only a CommonName: empty RDN sequence when the CN is empty. */
function nameDer(cn: string): Buffer {
  if (cn === '') return sequence();
  const value = tlv(PRINTABLE.test(cn) ? TAG.PRINTABLE_STRING : TAG.UTF8_STRING, Buffer.from(cn, 'utf8'));
  return sequence(set(sequence(oid('2.5.4.3'), value)));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return critical
    ? sequence(oid(id), boolean(true), octetString(value))
    : sequence(oid(id), octetString(value));
}

/** x509's key usage BIT STRING: bits reversed per byte, trailing zero bits dropped. */
function keyUsageDer(usage: number): Buffer {
  const reverse = (b: number) => {
    let r = 0;
    for (let i = 0; i < 8; i++) if (b & (1 << i)) r |= 1 << (7 - i);
    return r;
  };
  const bytes = [reverse(usage & 0xff), reverse((usage >> 8) & 0xff)];
  const used = bytes[1] !== 0 ? bytes : bytes.slice(0, 1);
  const last = used[used.length - 1]!;
  let unused = 0;
  while (unused < 8 && last !== 0 && (last & (1 << unused)) === 0) unused++;
  return bitString(Buffer.from(used), last === 0 ? 0 : unused);
}

const KU_DIGITAL_SIGNATURE = 1;
const KU_KEY_ENCIPHERMENT = 1 << 2;
const KU_CERT_SIGN = 1 << 5;

/** The subjectPublicKey BIT STRING contents of an SPKI (what SubjectKeyId hashes). */
function subjectPublicKeyBits(spki: Buffer): Buffer {
  const parts = children(spki, readElement(spki, 0));
  return content(spki, parts[1]!).subarray(1);
}

/** What getCertAndKey needs to know about the signer. */
export interface Issuer {
  /** Raw DER of the issuer's subject Name. */
  subject: Buffer;
  /** The issuer certificate's SubjectKeyId, if any. */
  subjectKeyId?: Buffer;
  /** The issuer certificate's SPKI, to check the signing key against (absent when self-signed). */
  spki?: Buffer;
  key: PrivateKey;
}

/**
 * getCertAndKey: x509.CreateCertificate(template, parent, signee public key, signer key), then
 * PEM of the certificate and of the signee key.
 */
export function createCertificate(
  tpl: CertTemplate,
  signee: PrivateKey,
  issuer: Issuer | undefined,
): CertificateParts {
  const signerKey = issuer?.key ?? signee;
  if (signerKey.kind === 'dsa' || signerKey.kind === 'x25519')
    throw new Error(
      'error creating certificate: x509: certificate private key does not implement crypto.Signer',
    );
  if (signee.kind === 'dsa')
    throw new Error(
      `error creating certificate: x509: unsupported public key type: ${publicKeyGoType(signee)}`,
    );
  const signer = signerFor(signerKey);
  const spki = publicKeyInfo(signee);
  if (issuer?.spki && !publicKeyInfo(signerKey).equals(issuer.spki))
    throw new Error("error creating certificate: x509: provided PrivateKey doesn't match parent's PublicKey");
  for (const name of tpl.dnsNames)
    if (/[^\x00-\x7f]/.test(name))
      throw new Error(
        `error creating certificate: x509: ${JSON.stringify(name)} cannot be encoded as an IA5String`,
      );

  const subject = nameDer(tpl.cn);
  const issuerName = issuer?.subject ?? subject;
  const extensions: Buffer[] = [];
  const usage = KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT | (tpl.isCA ? KU_CERT_SIGN : 0);
  extensions.push(extension('2.5.29.15', true, keyUsageDer(usage)));
  extensions.push(
    extension('2.5.29.37', false, sequence(oid('1.3.6.1.5.5.7.3.1'), oid('1.3.6.1.5.5.7.3.2'))),
  );
  extensions.push(extension('2.5.29.19', true, tpl.isCA ? sequence(boolean(true)) : sequence()));
  if (tpl.isCA) {
    // Go 1.25 derives SubjectKeyId for CAs from a truncated SHA-256 of the public key
    const skid = createHash('sha256').update(subjectPublicKeyBits(spki)).digest().subarray(0, 20);
    extensions.push(extension('2.5.29.14', false, octetString(skid)));
  }
  if (issuer?.subjectKeyId?.length && !issuerName.equals(subject))
    extensions.push(extension('2.5.29.35', false, sequence(implicitPrimitive(0, issuer.subjectKeyId))));
  if (tpl.dnsNames.length > 0 || tpl.ips.length > 0) {
    const names = [
      ...tpl.dnsNames.map((n) => implicitPrimitive(2, Buffer.from(n, 'latin1'))),
      ...tpl.ips.map((ip) => implicitPrimitive(7, ip)),
    ];
    // RFC 5280: with an empty subject the SAN extension must be critical
    extensions.push(extension('2.5.29.17', subject.length === 2, sequence(...names)));
  }

  const serial = BigInt(`0x${randomBytes(16).toString('hex')}`);
  const tbs = sequence(
    explicit(0, integer(2n)),
    integer(serial),
    signer.algorithm,
    issuerName,
    sequence(certTime(tpl.notBefore), certTime(tpl.notAfter)),
    subject,
    spki,
    explicit(3, sequence(...extensions)),
  );
  const der = sequence(tbs, signer.algorithm, bitString(signer.sign(tbs)));
  return { Cert: pemEncode('CERTIFICATE', der), Key: privateKeyPem(signee) };
}

// --- Parsing the issuer ------------------------------------------------------------------

export interface ParsedCertificate {
  subject: Buffer;
  spki: Buffer;
  subjectKeyId?: Buffer;
}

/**
 * x509.ParseCertificate, as far as Sprig needs it (the signer's subject, key and key id), with
 * Go's error texts for the structural checks.
 */
export function parseCertificate(der: Buffer): ParsedCertificate {
  const need = (cond: boolean, what: string) => {
    if (!cond) throw new Error(`x509: ${what}`);
  };
  const read = (buf: Buffer, offset: number, end: number): Element | undefined => {
    try {
      const el = readElement(buf, offset);
      return el.end <= end ? el : undefined;
    } catch {
      return undefined;
    }
  };
  const isSeq = (el: Element | undefined): el is Element =>
    !!el && el.cls === 0 && el.tag === 16 && el.constructed;

  const outer = read(der, 0, der.length);
  need(isSeq(outer), 'malformed certificate');
  const tbs = read(der, outer!.start, outer!.end);
  need(isSeq(tbs), 'malformed tbs certificate');
  let o = tbs!.start;
  let el = read(der, o, tbs!.end);
  if (el && el.cls === 2 && el.tag === 0) {
    const v = read(der, el.start, el.end);
    need(!!v && v.tag === TAG.INTEGER && v.length > 0 && v.length <= 6, 'malformed version');
    const version = content(der, v!).readIntBE(0, v!.length);
    need(version >= 0, 'malformed version');
    need(version <= 2, 'invalid version');
    o = el.end;
    el = read(der, o, tbs!.end);
  }
  need(!!el && el.tag === TAG.INTEGER && el.cls === 0, 'malformed serial number');
  o = el!.end;
  const serialEnd = o;
  const sigAlg = read(der, o, tbs!.end);
  need(isSeq(sigAlg), 'malformed signature algorithm identifier');
  o = sigAlg!.end;
  const issuer = read(der, o, tbs!.end);
  need(isSeq(issuer), 'malformed issuer');
  o = issuer!.end;
  const validity = read(der, o, tbs!.end);
  need(isSeq(validity), 'malformed validity');
  o = validity!.end;
  const subject = read(der, o, tbs!.end);
  need(isSeq(subject), 'malformed subject');
  o = subject!.end;
  const spki = read(der, o, tbs!.end);
  need(isSeq(spki), 'malformed spki');
  o = spki!.end;
  let subjectKeyId: Buffer | undefined;
  while (o < tbs!.end) {
    const opt = read(der, o, tbs!.end);
    need(!!opt, 'malformed extensions');
    if (opt!.cls === 2 && opt!.tag === 3) {
      const exts = read(der, opt!.start, opt!.end);
      need(isSeq(exts), 'malformed extensions');
      for (const ext of children(der, exts!)) {
        const parts = children(der, ext);
        if (parts[0]?.tag !== TAG.OID) throw new Error('x509: malformed extension OID field');
        if (decodeOid(content(der, parts[0])) !== '2.5.29.14') continue;
        const value = content(der, parts[parts.length - 1]!);
        const id = read(value, 0, value.length);
        need(!!id && id.tag === TAG.OCTET_STRING, 'invalid subject key identifier');
        subjectKeyId = content(value, id!);
      }
    }
    o = opt!.end;
  }
  const outerAlg = read(der, tbs!.end, outer!.end);
  need(isSeq(outerAlg), 'malformed algorithm identifier');
  const rawOf = (e: Element, offset: number) => Buffer.from(der.subarray(offset, e.end));
  need(
    rawOf(outerAlg!, tbs!.end).equals(rawOf(sigAlg!, serialEnd)),
    "inner and outer signature algorithm identifiers don't match",
  );
  const sig = read(der, outerAlg!.end, outer!.end);
  need(!!sig && sig.tag === TAG.BIT_STRING, 'malformed signature');
  need(outer!.end === der.length, 'trailing data');
  return {
    subject: rawOf(subject!, validity!.end),
    spki: rawOf(spki!, subject!.end),
    ...(subjectKeyId ? { subjectKeyId } : {}),
  };
}

/** PEM-decodes and parses a certificate, with Sprig's wrapping of the errors. */
export function decodeCertificatePem(pem: string, what: string): ParsedCertificate {
  const block = pemDecode(pem);
  if (!block) throw new Error('unable to decode certificate');
  try {
    return parseCertificate(block.bytes);
  } catch (e) {
    throw new Error(`error parsing certificate: ${what}: ${(e as Error).message}`);
  }
}
