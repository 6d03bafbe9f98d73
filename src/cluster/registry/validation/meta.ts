// ObjectMeta, labels, annotations and label selectors as upstream validates them
// (apimachinery/pkg/api/validation/objectmeta.go, apis/meta/v1/validation).
import {
  child,
  forbidden,
  goQuote,
  immutable,
  index,
  invalid,
  OMIT,
  required,
  tooLong,
} from '../field-errors.ts';
import type { FieldError } from '../types.ts';
import { isDNS1123Label, isQualifiedName, isValidLabelValue, type NameValidator } from './names.ts';

const totalAnnotationSizeLimit = 256 * 1024;

export function validateLabels(labels: unknown, path: string): FieldError[] {
  if (!isRecord(labels)) return [];
  const errs: FieldError[] = [];
  for (const k of Object.keys(labels).sort()) {
    for (const m of isQualifiedName(k)) errs.push(invalid(path, k, m));
    const v = labels[k];
    if (typeof v === 'string') for (const m of isValidLabelValue(v)) errs.push(invalid(path, v, m));
  }
  return errs;
}

export function validateAnnotations(annotations: unknown, path: string): FieldError[] {
  if (!isRecord(annotations)) return [];
  const errs: FieldError[] = [];
  let total = 0;
  for (const k of Object.keys(annotations).sort()) {
    // upstream checks the lower-cased key so upper-case annotation keys stay allowed.
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, k, m));
    total += Buffer.byteLength(k) + Buffer.byteLength(String(annotations[k] ?? ''));
  }
  if (total > totalAnnotationSizeLimit) errs.push(tooLong(path, totalAnnotationSizeLimit));
  return errs;
}

export interface MetaRules {
  namespaced: boolean;
  validateName: NameValidator;
}

export function validateObjectMeta(
  meta: Record<string, any> | undefined,
  rules: MetaRules,
  path = 'metadata',
): FieldError[] {
  const m = meta ?? {};
  const errs: FieldError[] = [];
  const generateName = str(m.generateName);
  if (generateName !== '') {
    for (const msg of rules.validateName(generateName, true))
      errs.push(invalid(child(path, 'generateName'), generateName, msg));
  }
  const name = str(m.name);
  if (name === '') errs.push(required(child(path, 'name'), 'name or generateName is required'));
  else for (const msg of rules.validateName(name, false)) errs.push(invalid(child(path, 'name'), name, msg));
  const ns = str(m.namespace);
  if (rules.namespaced) {
    if (ns === '') errs.push(required(child(path, 'namespace'), ''));
    else for (const msg of isDNS1123Label(ns)) errs.push(invalid(child(path, 'namespace'), ns, msg));
  } else if (ns !== '') {
    errs.push(forbidden(child(path, 'namespace'), 'not allowed on this type'));
  }
  if (typeof m.generation === 'number' && m.generation < 0) {
    errs.push(invalid(child(path, 'generation'), m.generation, 'must be greater than or equal to 0'));
  }
  errs.push(...validateLabels(m.labels, child(path, 'labels')));
  errs.push(...validateAnnotations(m.annotations, child(path, 'annotations')));
  errs.push(...validateOwnerReferences(m.ownerReferences, child(path, 'ownerReferences')));
  errs.push(...validateFinalizers(m.finalizers, child(path, 'finalizers')));
  return errs;
}

function validateOwnerReferences(refs: unknown, path: string): FieldError[] {
  if (!Array.isArray(refs)) return [];
  const errs: FieldError[] = [];
  const controllers: string[] = [];
  refs.forEach((ref: Record<string, any>) => {
    if (str(ref?.apiVersion) === '')
      errs.push(invalid(child(path, 'apiVersion'), str(ref?.apiVersion), 'version must not be empty'));
    if (str(ref?.kind) === '') errs.push(invalid(child(path, 'kind'), str(ref?.kind), 'must not be empty'));
    if (str(ref?.name) === '') errs.push(invalid(child(path, 'name'), str(ref?.name), 'must not be empty'));
    if (str(ref?.uid) === '') errs.push(invalid(child(path, 'uid'), str(ref?.uid), 'must not be empty'));
    if (ref?.controller === true) controllers.push(`${str(ref.kind)}/${str(ref.name)}`);
  });
  if (controllers.length > 1) {
    errs.push(
      invalid(
        path,
        OMIT,
        `Only one reference can have Controller set to true. Found "true" in references for ${controllers.join(' and ')}`,
      ),
    );
  }
  return errs;
}

function validateFinalizers(finalizers: unknown, path: string): FieldError[] {
  if (!Array.isArray(finalizers)) return [];
  const errs: FieldError[] = [];
  finalizers.forEach((f) => {
    const s = String(f);
    for (const m of isQualifiedName(s)) errs.push(invalid(path, s, m));
  });
  return errs;
}

/** ValidateObjectMetaUpdate: name, namespace, uid and creationTimestamp never change. */
export function validateObjectMetaUpdate(
  meta: Record<string, any> | undefined,
  old: Record<string, any> | undefined,
  rules: MetaRules,
  path = 'metadata',
): FieldError[] {
  const m = meta ?? {};
  const o = old ?? {};
  const errs = validateObjectMeta(m, rules, path);
  errs.push(...immutable(child(path, 'name'), m.name, o.name, str(m.name)));
  errs.push(...immutable(child(path, 'namespace'), m.namespace, o.namespace, str(m.namespace)));
  errs.push(...immutable(child(path, 'uid'), m.uid, o.uid, str(m.uid)));
  errs.push(
    ...immutable(child(path, 'creationTimestamp'), m.creationTimestamp, o.creationTimestamp, {
      goSyntax: goTime(m.creationTimestamp),
    }),
  );
  return errs;
}

// upstream prints metav1.Time through its String(): `2006-01-02 15:04:05 -0700 MST`.
function goTime(ts: unknown): string {
  if (typeof ts !== 'string') return '0001-01-01 00:00:00 +0000 UTC';
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return goQuote(ts);
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} +0000 UTC`;
}

const selectorOperators = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** metav1 validation.ValidateLabelSelector (invalid label values rejected). */
export function validateLabelSelector(sel: unknown, path: string): FieldError[] {
  if (!isRecord(sel)) return [];
  const errs = validateLabels(sel.matchLabels, child(path, 'matchLabels'));
  const exprs = Array.isArray(sel.matchExpressions) ? sel.matchExpressions : [];
  exprs.forEach((e: Record<string, any>, i: number) => {
    const p = index(child(path, 'matchExpressions'), i);
    const op = str(e?.operator);
    const values: unknown[] = Array.isArray(e?.values) ? e.values : [];
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0)
        errs.push(required(child(p, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length > 0)
        errs.push(
          forbidden(child(p, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
        );
    } else {
      errs.push(invalid(child(p, 'operator'), op, 'not a valid selector operator'));
    }
    for (const m of isQualifiedName(str(e?.key))) errs.push(invalid(child(p, 'key'), str(e?.key), m));
    values.forEach((v, j) => {
      for (const m of isValidLabelValue(String(v)))
        errs.push(invalid(index(child(p, 'values'), j), String(v), m));
    });
  });
  return errs;
}

/** True when a LabelSelector has neither matchLabels nor matchExpressions. */
export function selectorIsEmpty(sel: Record<string, any> | undefined): boolean {
  if (!sel) return true;
  const labels = isRecord(sel.matchLabels) ? Object.keys(sel.matchLabels).length : 0;
  const exprs = Array.isArray(sel.matchExpressions) ? sel.matchExpressions.length : 0;
  return labels + exprs === 0;
}

/** Whether a LabelSelector's requirements hold for a label set (upstream's Selector.Matches). */
export function selectorMatches(
  sel: Record<string, any> | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  const set = labels ?? {};
  if (!sel) return false;
  if (isRecord(sel.matchLabels)) {
    for (const [k, v] of Object.entries(sel.matchLabels)) if (set[k] !== v) return false;
  }
  for (const e of Array.isArray(sel.matchExpressions) ? sel.matchExpressions : []) {
    const has = Object.hasOwn(set, e.key);
    const values: string[] = Array.isArray(e.values) ? e.values : [];
    switch (e.operator) {
      case 'In':
        if (!has || !values.includes(set[e.key]!)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(set[e.key]!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** True when the selector parses (operators known); LabelSelectorAsSelector fails otherwise. */
export function selectorIsValid(sel: Record<string, any> | undefined): boolean {
  if (!sel) return true;
  for (const e of Array.isArray(sel.matchExpressions) ? sel.matchExpressions : []) {
    if (!selectorOperators.has(e?.operator)) return false;
  }
  return true;
}

export function isRecord(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
