/**
 * Kubernetes object-name rules as k8s.io/apimachinery words them, chosen by kind the way Helm's
 * template lint does (validateMetadataNameFunc).
 */
import { sprintf } from '../../template/index.ts';

type NameCheck = (name: string) => string[];

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const DNS1035_LABEL = '[a-z]([-a-z0-9]*[a-z0-9])?';

function tooLong(max: number): string {
  return `must be no more than ${max} characters`;
}

function regexError(msg: string, re: string, ...examples: string[]): string {
  const e = examples.length === 0 ? '' : `(e.g. '${examples.join("',  or '")}', `;
  return `${msg} ${e}regex used for validation is '${re}')`;
}

const isDns1123Subdomain: NameCheck = (v) => {
  const errs: string[] = [];
  if (v.length > 253) errs.push(tooLong(253));
  if (!new RegExp(`^${DNS1123_SUBDOMAIN}$`).test(v))
    errs.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        DNS1123_SUBDOMAIN,
        'example.com',
      ),
    );
  return errs;
};

const isDns1123Label: NameCheck = (v) => {
  const errs: string[] = [];
  if (v.length > 63) errs.push(tooLong(63));
  if (!new RegExp(`^${DNS1123_LABEL}$`).test(v))
    errs.push(
      regexError(
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
        DNS1123_LABEL,
        'my-name',
        '123-abc',
      ),
    );
  return errs;
};

const isDns1035Label: NameCheck = (v) => {
  const errs: string[] = [];
  if (v.length > 63) errs.push(tooLong(63));
  if (!new RegExp(`^${DNS1035_LABEL}$`).test(v))
    errs.push(
      regexError(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
        DNS1035_LABEL,
        'my-name',
        'abc-123',
      ),
    );
  return errs;
};

/** path.IsValidPathSegmentName (RBAC names). */
const isPathSegmentName: NameCheck = (v) => {
  for (const bad of ['.', '..']) if (v === bad) return [`may not be '${bad}'`];
  return ['/', '%'].filter((c) => v.includes(c)).map((c) => `may not contain '${c}'`);
};

function checkFor(kind: string): NameCheck {
  switch (kind.toLowerCase()) {
    case 'service':
      return isDns1035Label;
    case 'namespace':
      return isDns1123Label;
    case 'certificatesigningrequest':
      return () => [];
    case 'role':
    case 'clusterrole':
    case 'rolebinding':
    case 'clusterrolebinding':
      return isPathSegmentName;
    default:
      // pods, workloads, service accounts and every kind without its own rule
      return isDns1123Subdomain;
  }
}

/** validateMetadataName: undefined when the name suits the kind, else Helm's message. */
export function metadataNameProblem(kind: string, name: string): string | undefined {
  const quoted = sprintf('%q', name);
  const errs = [...new Set(checkFor(kind)(name).map((m) => `metadata.name: Invalid value: ${quoted}: ${m}`))];
  if (errs.length === 0) return undefined;
  const agg = errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
  return `object name does not conform to Kubernetes naming requirements: ${quoted}: ${agg}`;
}
