/**
 * Private keys as Sprig handles them: generation (genPrivateKey), Go's PEM block per key type
 * (pemBlockForKey), and parsing PEM with Go's x509 parsers' error texts (parsePrivateKeyPEM).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import {
  Asn1Error,
  children,
  content,
  decodeOid,
  type Element,
  expectFields,
  expectTopSequence,
  type Field,
  integer,
  nullValue,
  oid,
  readElement,
  sequence,
  unsignedInteger,
} from './c-der.ts';
import { pemDecode, pemEncode } from './c-pem.ts';
import { RSA_EXPONENT, rsaPrime } from './c-primes.ts';

/** DSA key parts; Go's crypto/x509 cannot sign with or certify DSA keys, Sprig only prints them. */
export interface DsaParts {
  p: Buffer;
  q: Buffer;
  g: Buffer;
  y: Buffer;
  x: Buffer;
}

/**
 * A parsed private key, by Go type: *rsa.PrivateKey, *ecdsa.PrivateKey, ed25519.PrivateKey,
 * *ecdh.PrivateKey (X25519 from PKCS#8) or *dsa.PrivateKey.
 */
export type PrivateKey =
  | { kind: 'rsa' | 'ecdsa' | 'ed25519' | 'x25519'; key: KeyObject }
  | { kind: 'dsa'; dsa: DsaParts };

/** Go type of the public half, as `%T` names it in x509 errors. */
export function publicKeyGoType(k: PrivateKey): string {
  switch (k.kind) {
    case 'rsa':
      return '*rsa.PublicKey';
    case 'ecdsa':
      return '*ecdsa.PublicKey';
    case 'ed25519':
      return 'ed25519.PublicKey';
    case 'x25519':
      return '*ecdh.PublicKey';
    case 'dsa':
      return '*dsa.PublicKey';
  }
}

// --- Generation --------------------------------------------------------------------------

/** a⁻¹ mod m (extended Euclid); a and m coprime. */
function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1] = [a % m, m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return ((s0 % m) + m) % m;
}

function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [a, b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/**
 * rsa.GenerateKey(rand.Reader, bits) with e = 65537, built from two primes of c-primes.ts:
 * Node's generateKeyPairSync runs OpenSSL's FIPS 186-4 key generation, which costs several times
 * as much for the same kind of key (two probable primes with the top bits set, d = e⁻¹ mod λ(n)).
 */
export function generateRsaKey(bits: number): PrivateKey {
  for (;;) {
    const p = rsaPrime(bits - (bits >> 1));
    const q = rsaPrime(bits >> 1);
    if (p === q) continue;
    const n = p * q;
    if (n.toString(2).length !== bits) continue;
    const lambda = ((p - 1n) * (q - 1n)) / gcd(p - 1n, q - 1n);
    const d = modInverse(RSA_EXPONENT, lambda);
    const der = sequence(
      integer(0n),
      integer(n),
      integer(RSA_EXPONENT),
      integer(d),
      integer(p),
      integer(q),
      integer(d % (p - 1n)),
      integer(d % (q - 1n)),
      integer(modInverse(q, p)),
    );
    return { kind: 'rsa', key: createPrivateKey({ key: der, format: 'der', type: 'pkcs1' }) };
  }
}

/** genPrivateKey: Sprig's key types; unknown types are reported in the output, not as errors. */
export function generatePrivateKeyPem(type: string): string {
  let key: PrivateKey;
  switch (type) {
    case '':
    case 'rsa':
      // Sprig's choice for genPrivateKey (certificates use 2048)
      key = generateRsaKey(4096);
      break;
    case 'dsa':
      key = {
        kind: 'dsa',
        dsa: dsaPartsOf(generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 }).privateKey),
      };
      break;
    case 'ecdsa':
      key = { kind: 'ecdsa', key: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey };
      break;
    case 'ed25519':
      key = { kind: 'ed25519', key: generateKeyPairSync('ed25519').privateKey };
      break;
    default:
      return `Unknown type ${type}`;
  }
  return privateKeyPem(key);
}

/** Node exports DSA keys only as PKCS#8; pull p, q, g, x from it and y from the SPKI. */
function dsaPartsOf(key: KeyObject): DsaParts {
  const der = key.export({ type: 'pkcs8', format: 'der' });
  const top = children(der, readElement(der, 0));
  const params = children(der, children(der, top[1]!)[1]!);
  const xDer = content(der, top[2]!);
  const x = content(xDer, readElement(xDer, 0));
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
  const bits = children(spki, readElement(spki, 0))[1]!;
  const yDer = content(spki, bits).subarray(1);
  const y = content(yDer, readElement(yDer, 0));
  return {
    p: content(der, params[0]!),
    q: content(der, params[1]!),
    g: content(der, params[2]!),
    y,
    x,
  };
}

// --- Go's PEM form of a key --------------------------------------------------------------

/** pemBlockForKey: PKCS#1 for RSA, SEC 1 for ECDSA, Sprig's own DSA layout, PKCS#8 otherwise. */
export function privateKeyPem(k: PrivateKey): string {
  switch (k.kind) {
    case 'rsa':
      return pemEncode('RSA PRIVATE KEY', k.key.export({ type: 'pkcs1', format: 'der' }));
    case 'ecdsa':
      return pemEncode('EC PRIVATE KEY', k.key.export({ type: 'sec1', format: 'der' }));
    case 'dsa': {
      const { p, q, g, y, x } = k.dsa;
      const der = sequence(integer(0n), ...[p, q, g, y, x].map((v) => unsignedInteger(v)));
      return pemEncode('DSA PRIVATE KEY', der);
    }
    default:
      return pemEncode('PRIVATE KEY', k.key.export({ type: 'pkcs8', format: 'der' }));
  }
}

// --- Parsing -----------------------------------------------------------------------------

const OID_RSA = '1.2.840.113549.1.1.1';
const OID_EC = '1.2.840.10045.2.1';
const OID_ED25519 = '1.3.101.112';
const OID_X25519 = '1.3.101.110';

const INT: Field = { tag: 2, goType: 'int' };
const BIG: Field = { tag: 2, goType: '' };
const PKCS1_FIELDS: Field[] = [INT, BIG, INT, BIG, BIG, BIG];
const SEC1_FIELDS: Field[] = [INT, { tag: 4, goType: '' }];
const PKCS8_FIELDS: Field[] = [INT, { tag: 16, goType: 'AlgorithmIdentifier' }, { tag: 4, goType: '' }];
const DSA_FIELDS: Field[] = [INT, BIG, BIG, BIG, BIG, BIG];

const looksPkcs8 = (der: Buffer) => !asn1Failure(der, 'pkcs8', PKCS8_FIELDS);
const looksSec1 = (der: Buffer) => !asn1Failure(der, 'ecPrivateKey', SEC1_FIELDS);
const looksPkcs1 = (der: Buffer) => !asn1Failure(der, 'pkcs1PrivateKey', PKCS1_FIELDS, true);

const useInstead = (fn: string) =>
  new Error(`x509: failed to parse private key (use ${fn} instead for this key format)`);

function importKey(der: Buffer, type: 'pkcs1' | 'sec1' | 'pkcs8'): KeyObject | undefined {
  try {
    return createPrivateKey({ key: der, format: 'der', type });
  } catch {
    return undefined;
  }
}

/** x509.ParsePKCS1PrivateKey. */
function parsePkcs1(der: Buffer): PrivateKey {
  const structural = asn1Failure(der, 'pkcs1PrivateKey', PKCS1_FIELDS, true);
  if (structural) {
    if (looksSec1(der)) throw useInstead('ParseECPrivateKey');
    if (looksPkcs8(der)) throw useInstead('ParsePKCS8PrivateKey');
    throw structural;
  }
  const key = importKey(der, 'pkcs1');
  if (!key) throw new Error('crypto/rsa: invalid private key');
  return { kind: 'rsa', key };
}

/** x509.ParseECPrivateKey. */
function parseSec1(der: Buffer): PrivateKey {
  const structural = asn1Failure(der, 'ecPrivateKey', SEC1_FIELDS);
  if (structural) {
    if (looksPkcs8(der)) throw useInstead('ParsePKCS8PrivateKey');
    if (looksPkcs1(der)) throw useInstead('ParsePKCS1PrivateKey');
    throw new Error(`x509: failed to parse EC private key: ${structural.message}`);
  }
  const key = importKey(der, 'sec1');
  if (!key) throw new Error('x509: unknown elliptic curve');
  return { kind: 'ecdsa', key };
}

/** x509.ParsePKCS8PrivateKey. */
function parsePkcs8(der: Buffer): PrivateKey {
  const structural = asn1Failure(der, 'pkcs8', PKCS8_FIELDS);
  if (structural) {
    if (looksSec1(der)) throw useInstead('ParseECPrivateKey');
    if (looksPkcs1(der)) throw useInstead('ParsePKCS1PrivateKey');
    throw structural;
  }
  const top = children(der, readElement(der, 0));
  const algSeq = children(der, top[1]!);
  const algorithm = algSeq[0] && algSeq[0].tag === 6 ? decodeOid(content(der, algSeq[0])) : '';
  const key = importKey(der, 'pkcs8');
  switch (algorithm) {
    case OID_RSA:
      if (!key) throw new Error('x509: failed to parse RSA private key embedded in PKCS#8');
      return { kind: 'rsa', key };
    case OID_EC:
      if (!key) throw new Error('x509: failed to parse EC private key embedded in PKCS#8');
      return { kind: 'ecdsa', key };
    case OID_ED25519:
      if (!key) throw new Error('x509: invalid Ed25519 private key');
      return { kind: 'ed25519', key };
    case OID_X25519:
      if (!key) throw new Error('x509: invalid X25519 private key');
      return { kind: 'x25519', key };
    default:
      throw new Error(`x509: PKCS#8 wrapping contained private key with unknown algorithm: ${algorithm}`);
  }
}

/** Sprig's DSAKeyFormat: SEQUENCE { version, P, Q, G, Y, X }. */
function parseDsa(der: Buffer): PrivateKey {
  const structural = asn1Failure(der, 'DSAKeyFormat', DSA_FIELDS);
  if (structural) throw structural;
  const ints = children(der, readElement(der, 0)).map((el: Element) => content(der, el));
  const [, p, q, g, y, x] = ints as [Buffer, Buffer, Buffer, Buffer, Buffer, Buffer];
  return { kind: 'dsa', dsa: { p, q, g, y, x } };
}

/** encoding/asn1's error for `der` as the Go struct `goType`, or undefined when it fits. */
function asn1Failure(
  der: Buffer,
  goType: string,
  fields: readonly Field[],
  rejectTrailing = false,
): Error | undefined {
  try {
    const top = expectTopSequence(der, goType);
    expectFields(der, top, fields);
    // only ParsePKCS1PrivateKey looks at what follows the key
    if (rejectTrailing && top.end < der.length) return new Error('asn1: syntax error: trailing data');
    return undefined;
  } catch (e) {
    if (e instanceof Asn1Error) return e;
    throw e;
  }
}

/** Sprig's parsePrivateKeyPEM, with its error texts. */
export function parsePrivateKeyPem(text: string): PrivateKey {
  const block = pemDecode(text);
  if (!block) throw new Error('no PEM data in input');
  if (block.type === 'PRIVATE KEY') {
    try {
      return parsePkcs8(block.bytes);
    } catch (e) {
      throw new Error(`decoding PEM as PKCS#8: ${(e as Error).message}`);
    }
  }
  if (!block.type.endsWith(' PRIVATE KEY'))
    throw new Error(`no private key data in PEM block of type ${block.type}`);
  const prefix = block.type.slice(0, -' PRIVATE KEY'.length);
  const parsers: Record<string, [string, (der: Buffer) => PrivateKey]> = {
    RSA: ['parsing RSA private key from PEM', parsePkcs1],
    EC: ['parsing EC private key from PEM', parseSec1],
    DSA: ['parsing DSA private key from PEM', parseDsa],
  };
  const entry = Object.hasOwn(parsers, prefix) ? parsers[prefix] : undefined;
  if (!entry) throw new Error(`invalid private key type ${block.type}`);
  try {
    return entry[1](block.bytes);
  } catch (e) {
    throw new Error(`${entry[0]}: ${(e as Error).message}`);
  }
}

// --- Using a key in a certificate --------------------------------------------------------

/** SubjectPublicKeyInfo DER of the key's public half. */
export function publicKeyInfo(k: PrivateKey & { key: KeyObject }): Buffer {
  return createPublicKey(k.key).export({ type: 'spki', format: 'der' });
}

const EC_SIGNATURE: Record<string, [string, string]> = {
  prime256v1: ['sha256', '1.2.840.10045.4.3.2'],
  secp224r1: ['sha256', '1.2.840.10045.4.3.2'],
  secp384r1: ['sha384', '1.2.840.10045.4.3.3'],
  secp521r1: ['sha512', '1.2.840.10045.4.3.4'],
};

/** The key's default signature algorithm in crypto/x509: its AlgorithmIdentifier and signer. */
export function signerFor(k: PrivateKey & { key: KeyObject }): {
  algorithm: Buffer;
  sign: (data: Buffer) => Buffer;
} {
  const key = k.key;
  switch (k.kind) {
    case 'rsa':
      return {
        algorithm: sequence(oid('1.2.840.113549.1.1.11'), nullValue()),
        sign: (data) => sign('sha256', data, key),
      };
    case 'ecdsa': {
      const curve = key.asymmetricKeyDetails?.namedCurve ?? '';
      const [hash, algOid] = EC_SIGNATURE[curve] ?? EC_SIGNATURE.prime256v1!;
      return { algorithm: sequence(oid(algOid)), sign: (data) => sign(hash, data, key) };
    }
    default:
      return { algorithm: sequence(oid(OID_ED25519)), sign: (data) => sign(null, data, key) };
  }
}
