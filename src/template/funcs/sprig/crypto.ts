/**
 * Sprig's crypto functions (crypto.go): hashes, bcrypt/htpasswd, derivePassword, AES,
 * randBytes, private keys and certificates. Go strings are bytes: every string is hashed or
 * encrypted as its UTF-8 encoding.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  scryptSync,
} from 'node:crypto';
import type BcryptJs from 'bcryptjs';
import { formatValue } from '../../fmt.ts';
import { lazyModule } from '../../lazy.ts';
import { intValue } from '../../value.ts';
import { def, type FuncMap } from '../types.ts';
import { base64Encode, goBase64Decode } from './c-base64.ts';
import { generatePrivateKeyPem, generateRsaKey, type PrivateKey, parsePrivateKeyPem } from './c-keys.ts';
import { pemDecode } from './c-pem.ts';
import {
  baseTemplate,
  type CertTemplate,
  certificateParts,
  createCertificate,
  decodeCertificatePem,
  type Issuer,
  makeCertificate,
} from './c-x509.ts';

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const hexDigest = (alg: string) => (s: string) => createHash(alg).update(utf8(s)).digest('hex');

/** bcryptjs loads on first use (htpasswd, bcrypt). */
const bcryptLib = lazyModule<typeof BcryptJs>('bcryptjs');

function adler32(bytes: Buffer): number {
  let a = 1;
  let b = 0;
  for (const byte of bytes) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

// --- bcrypt ------------------------------------------------------------------------------

/** golang.org/x/crypto/bcrypt refuses passwords over 72 bytes instead of truncating them. */
const BCRYPT_MAX_BYTES = 72;

function bcrypt(password: string): string {
  if (utf8(password).length > BCRYPT_MAX_BYTES)
    return 'failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes';
  // Go writes the $2a$ prefix; bcryptjs defaults to $2b$ (same algorithm below 256 bytes)
  const bcryptjs = bcryptLib();
  const salt = bcryptjs.genSaltSync(10).replace(/^\$2b\$/, '$2a$');
  return bcryptjs.hashSync(password, salt);
}

function htpasswd(username: string, password: string): string {
  if (username.includes(':')) return `invalid username: ${username}`;
  return `${username}:${bcrypt(password)}`;
}

// --- derivePassword (Master Password algorithm) ------------------------------------------

const MASTER_PASSWORD_SEED = 'com.lyndir.masterpassword';

const PASSWORD_TEMPLATES: Record<string, string[]> = {
  maximum: ['anoxxxxxxxxxxxxxxxxx', 'axxxxxxxxxxxxxxxxxno'],
  long: [
    'CvcvnoCvcvCvcv',
    'CvcvCvcvnoCvcv',
    'CvcvCvcvCvcvno',
    'CvccnoCvcvCvcv',
    'CvccCvcvnoCvcv',
    'CvccCvcvCvcvno',
    'CvcvnoCvccCvcv',
    'CvcvCvccnoCvcv',
    'CvcvCvccCvcvno',
    'CvcvnoCvcvCvcc',
    'CvcvCvcvnoCvcc',
    'CvcvCvcvCvccno',
    'CvccnoCvccCvcv',
    'CvccCvccnoCvcv',
    'CvccCvccCvcvno',
    'CvcvnoCvccCvcc',
    'CvcvCvccnoCvcc',
    'CvcvCvccCvccno',
    'CvccnoCvcvCvcc',
    'CvccCvcvnoCvcc',
    'CvccCvcvCvccno',
  ],
  medium: ['CvcnoCvc', 'CvcCvcno'],
  short: ['Cvcn'],
  basic: ['aaanaaan', 'aannaaan', 'aaannaaa'],
  pin: ['nnnn'],
};

const TEMPLATE_CHARACTERS: Record<string, string> = {
  V: 'AEIOU',
  C: 'BCDFGHJKLMNPQRSTVWXYZ',
  v: 'aeiou',
  c: 'bcdfghjklmnpqrstvwxyz',
  A: 'AEIOUBCDFGHJKLMNPQRSTVWXYZ',
  a: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz',
  n: '0123456789',
  o: "@&%?,=[]_:-+*$#!'^~;()/.",
  x: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()',
};

const uint32be = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};

function derivePassword(
  counter: unknown,
  passwordType: string,
  password: string,
  user: string,
  site: string,
): string {
  const templates = Object.hasOwn(PASSWORD_TEMPLATES, passwordType)
    ? PASSWORD_TEMPLATES[passwordType]!
    : undefined;
  if (!templates) return `cannot find password template ${passwordType}`;
  const seed = utf8(MASTER_PASSWORD_SEED);
  const userBytes = utf8(user);
  const siteBytes = utf8(site);
  const salt = Buffer.concat([seed, uint32be(userBytes.length), userBytes]);
  // scrypt N=32768, r=8, p=2 needs 32 MiB, just over node's default maxmem
  const key = scryptSync(utf8(password), salt, 64, {
    N: 32768,
    r: 8,
    p: 2,
    maxmem: 64 * 1024 * 1024,
  });
  const count = Number(BigInt.asUintN(32, intValue(counter) ?? 0n));
  const message = Buffer.concat([seed, uint32be(siteBytes.length), siteBytes, uint32be(count)]);
  const mac = createHmac('sha256', key).update(message).digest();
  const template = templates[mac[0]! % templates.length]!;
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const chars = TEMPLATE_CHARACTERS[template[i]!]!;
    out += chars[mac[i + 1]! % chars.length];
  }
  return out;
}

// --- AES ---------------------------------------------------------------------------------

/** Sprig's key: the password's bytes in a zeroed 32-byte buffer (AES-256), cut at 32 bytes. */
function aesKey(password: string): Buffer {
  const key = Buffer.alloc(32);
  utf8(password).copy(key, 0, 0, 32);
  return key;
}

function encryptAES(password: string, plaintext: string): string {
  if (plaintext === '') return '';
  const iv = randomBytes(16);
  // node's default padding is PKCS#7, the padding Sprig appends by hand
  const cipher = createCipheriv('aes-256-cbc', aesKey(password), iv);
  return base64Encode(Buffer.concat([iv, cipher.update(utf8(plaintext)), cipher.final()]));
}

/**
 * decryptAES: CBC without any padding check; the last byte says how much to cut. Go's panics
 * on short or inconsistent input surface as `runtime error: ...`, so they are reproduced.
 */
function decryptAES(password: string, crypt64: string): string {
  if (crypt64 === '') return '';
  const { bytes, capacity } = goBase64Decode(crypt64);
  if (bytes.length < 16)
    throw new Error(`runtime error: slice bounds out of range [:16] with capacity ${capacity}`);
  const body = bytes.subarray(16);
  if (body.length % 16 !== 0) throw new Error('crypto/cipher: input not full blocks');
  const decipher = createDecipheriv('aes-256-cbc', aesKey(password), bytes.subarray(0, 16));
  decipher.setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(body), decipher.final()]);
  if (plain.length === 0) throw new Error('runtime error: index out of range [-1]');
  const end = plain.length - plain[plain.length - 1]!;
  if (end < 0) throw new Error(`runtime error: slice bounds out of range [:${end}]`);
  return plain.subarray(0, end).toString('utf8');
}

function randBytes(count: bigint): string {
  if (count < 0n) throw new Error('runtime error: makeslice: len out of range');
  return base64Encode(randomBytes(Number(count)));
}

// --- Certificates ------------------------------------------------------------------------

type List = unknown[] | null | undefined;

/** Sprig's gen* functions take a `certificate` struct; anything else fails Go's arg check. */
function caParts(ca: unknown) {
  const parts = certificateParts(ca);
  if (!parts)
    throw new Error(
      `wrong type for value; expected sprig.certificate; got ${ca === null || ca === undefined ? '<nil>' : typeOfForError(ca)}`,
    );
  return parts;
}

function typeOfForError(v: unknown): string {
  if (Array.isArray(v)) return '[]interface {}';
  if (typeof v === 'object') return 'map[string]interface {}';
  return typeof v === 'number' ? 'float64' : typeof v === 'bigint' ? 'int' : typeof v;
}

function withPemKey(privPEM: string): PrivateKey {
  try {
    return parsePrivateKeyPem(privPEM);
  } catch (e) {
    throw new Error(`parsing private key: ${(e as Error).message}`);
  }
}

/** generateSignedCertificateWithKeyInternal's view of the CA. */
function issuerOf(ca: unknown): Issuer {
  const parts = caParts(ca);
  const signer = decodeCertificatePem(parts.Cert, 'decodedSignerCert.Bytes');
  let key: PrivateKey;
  try {
    key = parsePrivateKeyPem(parts.Key);
  } catch (e) {
    throw new Error(`error parsing private key: ${(e as Error).message}`);
  }
  return {
    subject: signer.subject,
    spki: signer.spki,
    ...(signer.subjectKeyId ? { subjectKeyId: signer.subjectKeyId } : {}),
    key,
  };
}

const template = (cn: string, ips: List, dns: List, days: bigint): CertTemplate =>
  baseTemplate(cn, ips, dns, days, formatValue);

function caCert(cn: string, days: bigint, key: PrivateKey) {
  const tpl = { ...template(cn, null, null, days), isCA: true };
  return makeCertificate(createCertificate(tpl, key, undefined));
}

function selfSigned(cn: string, ips: List, dns: List, days: bigint, key: PrivateKey) {
  return makeCertificate(createCertificate(template(cn, ips, dns, days), key, undefined));
}

function signed(cn: string, ips: List, dns: List, days: bigint, ca: unknown, key: PrivateKey) {
  const issuer = issuerOf(ca);
  return makeCertificate(createCertificate(template(cn, ips, dns, days), key, issuer));
}

function buildCustomCert(b64cert: string, b64key: string) {
  let cert: Buffer;
  let key: Buffer;
  try {
    cert = goBase64Decode(b64cert).bytes;
  } catch {
    throw new Error('unable to decode base64 certificate');
  }
  try {
    key = goBase64Decode(b64key).bytes;
  } catch {
    throw new Error('unable to decode base64 private key');
  }
  // Go keeps the decoded bytes as the strings it returns
  const certText = cert.toString('utf8');
  const keyText = key.toString('utf8');
  if (!pemDecode(certText)) throw new Error('unable to decode certificate');
  decodeCertificatePem(certText, 'decodedCert.Bytes');
  try {
    parsePrivateKeyPem(keyText);
  } catch (e) {
    throw new Error(`error parsing private key: ${(e as Error).message}`);
  }
  return makeCertificate({ Cert: certText, Key: keyText });
}

const CERT_KEY_BITS = 2048;

export const cryptoFuncs: FuncMap = {
  sha1sum: def(['string'], hexDigest('sha1')),
  sha256sum: def(['string'], hexDigest('sha256')),
  sha512sum: def(['string'], hexDigest('sha512')),
  adler32sum: def(['string'], (s: string) => String(adler32(utf8(s)))),
  bcrypt: def(['string'], bcrypt),
  htpasswd: def(['string', 'string'], htpasswd),
  derivePassword: def(['uint32', 'string', 'string', 'string', 'string'], derivePassword),
  genPrivateKey: def(['string'], generatePrivateKeyPem),
  buildCustomCert: def(['string', 'string'], buildCustomCert),
  genCA: def(['string', 'int'], (cn: string, days: bigint) =>
    caCert(cn, days, generateRsaKey(CERT_KEY_BITS)),
  ),
  genCAWithKey: def(['string', 'int', 'string'], (cn: string, days: bigint, pem: string) =>
    caCert(cn, days, withPemKey(pem)),
  ),
  genSelfSignedCert: def(
    ['string', '[]interface {}', '[]interface {}', 'int'],
    (cn: string, ips: List, dns: List, days: bigint) =>
      selfSigned(cn, ips, dns, days, generateRsaKey(CERT_KEY_BITS)),
  ),
  genSelfSignedCertWithKey: def(
    ['string', '[]interface {}', '[]interface {}', 'int', 'string'],
    (cn: string, ips: List, dns: List, days: bigint, pem: string) =>
      selfSigned(cn, ips, dns, days, withPemKey(pem)),
  ),
  genSignedCert: def(
    ['string', '[]interface {}', '[]interface {}', 'int', 'interface {}'],
    (cn: string, ips: List, dns: List, days: bigint, ca: unknown) => {
      caParts(ca);
      return signed(cn, ips, dns, days, ca, generateRsaKey(CERT_KEY_BITS));
    },
  ),
  genSignedCertWithKey: def(
    ['string', '[]interface {}', '[]interface {}', 'int', 'interface {}', 'string'],
    (cn: string, ips: List, dns: List, days: bigint, ca: unknown, pem: string) => {
      caParts(ca);
      return signed(cn, ips, dns, days, ca, withPemKey(pem));
    },
  ),
  encryptAES: def(['string', 'string'], encryptAES),
  decryptAES: def(['string', 'string'], decryptAES),
  randBytes: def(['int'], randBytes),
};
