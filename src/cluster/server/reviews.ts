// The review APIs a client asks about itself: authorization.k8s.io/v1 SelfSubjectAccessReview and
// SelfSubjectRulesReview, authentication.k8s.io/v1 SelfSubjectReview. Nothing is stored: each POST
// is answered from the caller's identity. The server authorises every authenticated request, so
// the answers are what a cluster-admin (group system:masters) gets from kube-apiserver. The
// identity honours the impersonation headers kubectl's --as/--as-group send.
//
// typed clients post these as protobuf; the few fields read here are decoded by hand.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../clock.ts';

type Obj = Record<string, unknown>;

/** Who the admin token authenticates as. */
const adminUser = { username: 'bosun-admin', groups: ['system:masters', 'system:authenticated'] };

interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

/** The caller, or the user it impersonates (with the groups the authenticator would add). */
export function requestUser(headers: IncomingMessage['headers']): UserInfo {
  const user = headers['impersonate-user'];
  if (typeof user !== 'string' || user === '') return { ...adminUser, groups: [...adminUser.groups] };
  const raw = headers['impersonate-group'];
  const groups = (Array.isArray(raw) ? raw : raw ? raw.split(',').map((g) => g.trim()) : []).filter(Boolean);
  const sa = /^system:serviceaccount:([^:]+):[^:]+$/.exec(user);
  if (sa) groups.push('system:serviceaccounts', `system:serviceaccounts:${sa[1]}`);
  if (user !== 'system:anonymous' && !groups.includes('system:authenticated'))
    groups.push('system:authenticated');
  const info: UserInfo = { username: user, groups };
  const uid = headers['impersonate-uid'];
  if (typeof uid === 'string' && uid) info.uid = uid;
  const extra: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!name.startsWith('impersonate-extra-') || value === undefined) continue;
    const key = decodeURIComponent(name.slice('impersonate-extra-'.length));
    extra[key] = Array.isArray(value) ? value : value.split(',').map((v) => v.trim());
  }
  if (Object.keys(extra).length > 0) info.extra = extra;
  return info;
}

// --- the protobuf envelope and the few messages read --------------------------------------

class WireReader {
  private pos = 0;
  constructor(private readonly buf: Uint8Array) {}
  done(): boolean {
    return this.pos >= this.buf.length;
  }
  varint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (this.pos >= this.buf.length) throw new Error('truncated protobuf varint');
      const b = this.buf[this.pos++];
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
    }
  }
  bytes(): Uint8Array {
    const n = this.varint();
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  skip(wireType: number): void {
    if (wireType === 0) this.varint();
    else if (wireType === 1) this.pos += 8;
    else if (wireType === 2) this.bytes();
    else if (wireType === 5) this.pos += 4;
    else throw new Error(`unsupported protobuf wire type ${wireType}`);
  }
}

/** Field number → the length-delimited values of a message (strings and nested messages). */
function fieldsOf(buf: Uint8Array): Map<number, Uint8Array[]> {
  const r = new WireReader(buf);
  const out = new Map<number, Uint8Array[]>();
  while (!r.done()) {
    const tag = r.varint();
    if ((tag & 7) !== 2) {
      r.skip(tag & 7);
      continue;
    }
    const n = Math.floor(tag / 8);
    out.set(n, [...(out.get(n) ?? []), r.bytes()]);
  }
  return out;
}

const text = new TextDecoder();

/** The string fields of a message by name, as `names[i]` is field number i + 1. */
function stringFields(buf: Uint8Array | undefined, names: string[]): Obj | undefined {
  if (!buf) return undefined;
  const fields = fieldsOf(buf);
  const out: Obj = {};
  names.forEach((name, i) => {
    const v = fields.get(i + 1);
    if (v) out[name] = text.decode(v[v.length - 1]);
  });
  return out;
}

const resourceAttributeNames = ['namespace', 'verb', 'group', 'version', 'resource', 'subresource', 'name'];

/** Decodes `k8s\0` + runtime.Unknown{typeMeta, raw} into the JSON form of the review. */
function decodeReview(body: Uint8Array): Obj {
  const fields = fieldsOf(body.subarray(4));
  const typeMeta = stringFields(fields.get(1)?.[0], ['apiVersion', 'kind']) ?? {};
  const raw = fields.get(2)?.[0] ?? new Uint8Array(0);
  const message = fieldsOf(raw);
  const review: Obj = { ...typeMeta, metadata: {} };
  const spec = message.get(2)?.[0];
  if (typeMeta.kind === 'SelfSubjectAccessReview' && spec) {
    const s = fieldsOf(spec);
    const out: Obj = {};
    const ra = stringFields(s.get(1)?.[0], resourceAttributeNames);
    const nra = stringFields(s.get(2)?.[0], ['path', 'verb']);
    if (ra) out.resourceAttributes = ra;
    if (nra) out.nonResourceAttributes = nra;
    review.spec = out;
  } else if (typeMeta.kind === 'SelfSubjectRulesReview') {
    review.spec = stringFields(spec, ['namespace']) ?? {};
  }
  return review;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const isProtobuf = (b: Uint8Array) =>
  b.length >= 4 && b[0] === 0x6b && b[1] === 0x38 && b[2] === 0x73 && b[3] === 0;

// --- the answers ----------------------------------------------------------------------------

/** What RBAC grants system:masters plus the roles every authenticated user is bound to. */
const adminRules = {
  resourceRules: [
    { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
    { verbs: ['create'], apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'] },
    {
      verbs: ['create'],
      apiGroups: ['authorization.k8s.io'],
      resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
    },
  ],
  nonResourceRules: [
    { verbs: ['*'], nonResourceURLs: ['*'] },
    {
      verbs: ['get'],
      nonResourceURLs: [
        '/api',
        '/api/*',
        '/apis',
        '/apis/*',
        '/healthz',
        '/livez',
        '/openapi',
        '/openapi/*',
        '/readyz',
        '/version',
        '/version/',
      ],
    },
    { verbs: ['get'], nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'] },
  ],
  incomplete: false,
};

const routes: Record<string, { kind: string; group: string }> = {
  '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews': {
    kind: 'SelfSubjectAccessReview',
    group: 'authorization.k8s.io',
  },
  '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews': {
    kind: 'SelfSubjectRulesReview',
    group: 'authorization.k8s.io',
  },
  '/apis/authentication.k8s.io/v1/selfsubjectreviews': {
    kind: 'SelfSubjectReview',
    group: 'authentication.k8s.io',
  },
};

function reply(res: ServerResponse, code: number, body: unknown): void {
  res.writeHead(code, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
  res.end(`${JSON.stringify(body)}\n`);
}

function status(code: number, reason: string, message: string): Obj {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

async function answer(
  clock: Clock,
  req: IncomingMessage,
  res: ServerResponse,
  route: { kind: string; group: string },
) {
  const body = await readBody(req);
  let review: Obj;
  try {
    review = isProtobuf(body)
      ? decodeReview(body)
      : body.length > 0
        ? (JSON.parse(body.toString('utf8')) as Obj)
        : {};
  } catch (err) {
    return reply(res, 400, status(400, 'BadRequest', `error decoding body: ${(err as Error).message}`));
  }
  const apiVersion = `${route.group}/v1`;
  const base = { kind: route.kind, apiVersion, metadata: { creationTimestamp: null } };
  const user = requestUser(req.headers);
  switch (route.kind) {
    case 'SelfSubjectReview':
      return reply(res, 201, {
        ...base,
        metadata: { creationTimestamp: `${clock.date().toISOString().slice(0, 19)}Z` },
        status: { userInfo: user },
      });
    case 'SelfSubjectAccessReview': {
      const spec = (review.spec ?? {}) as Obj;
      if (!spec.resourceAttributes === !spec.nonResourceAttributes)
        return reply(
          res,
          422,
          status(
            422,
            'Invalid',
            `SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified`,
          ),
        );
      return reply(res, 201, { ...base, spec, status: { allowed: true } });
    }
    default: {
      const spec = (review.spec ?? {}) as Obj;
      if (!spec.namespace) return reply(res, 400, status(400, 'BadRequest', 'no namespace on request'));
      return reply(res, 201, { ...base, spec, status: adminRules });
    }
  }
}

/** The server's extra route over the cluster clock: true when it answered the request. */
export function reviewRoutes(clock: Clock): (req: IncomingMessage, res: ServerResponse, url: URL) => boolean {
  return (req, res, url) => {
    const route = routes[url.pathname.replace(/\/+$/, '')];
    if (!route) return false;
    if (req.method !== 'POST') {
      reply(
        res,
        405,
        status(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'),
      );
      return true;
    }
    answer(clock, req, res, route).catch((err: unknown) => {
      if (!res.headersSent) reply(res, 500, status(500, 'InternalError', String(err)));
    });
    return true;
  };
}
