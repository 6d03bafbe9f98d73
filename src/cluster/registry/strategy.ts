// One ResourceStrategy assembled from the per-kind parts (defaults, validation, printer), with the
// create/update bookkeeping upstream's registry strategies share.
import { deepEqual } from './field-errors.ts';
import { defaultPrinter, type TablePrinter } from './printers/tables.ts';
import type {
  AdmissionLookup,
  FieldError,
  KubeObject,
  ResourceInfo,
  ResourceStrategy,
  TableColumn,
} from './types.ts';
import { type MetaRules, validateObjectMeta, validateObjectMetaUpdate } from './validation/meta.ts';
import { type NameValidator, nameIsDNSSubdomain } from './validation/names.ts';

export interface KindRules {
  info: ResourceInfo;
  /** Upstream name rule for metadata.name (DNS subdomain unless said otherwise). */
  validateName?: NameValidator;
  defaults?: (obj: KubeObject) => void;
  /** Mutating admission on create that reads other objects (see ResourceStrategy.admitCreate). */
  admitCreate?: (obj: KubeObject, lookup: AdmissionLookup) => Promise<void>;
  /** metadata.generation starts at 1 and follows spec changes (kinds with a spec/status split). */
  tracksGeneration?: boolean;
  /** Extra create-time preparation after status is reset (allocation, initial status). */
  prepareCreate?: (obj: KubeObject) => void;
  /** Extra update-time preparation (e.g. carrying allocated values forward). */
  prepareUpdate?: (obj: KubeObject, old: KubeObject) => void;
  /** The status written on create; the default is to drop any status the client sent. */
  initialStatus?: (obj: KubeObject) => Record<string, unknown> | undefined;
  validate?: (obj: KubeObject) => FieldError[];
  validateUpdate?: (obj: KubeObject, old: KubeObject) => FieldError[];
  printer?: TablePrinter;
  fieldLabels?: (obj: KubeObject) => Record<string, string>;
}

/** Kinds whose whole object is spec-like (ConfigMap, Secret, RBAC...): nothing is reset between writes. */
function hasStatus(info: ResourceInfo): boolean {
  return info.subresources.status === true;
}

export function buildStrategy(rules: KindRules): ResourceStrategy {
  const { info } = rules;
  const meta: MetaRules = {
    namespaced: info.namespaced,
    validateName: rules.validateName ?? nameIsDNSSubdomain,
  };
  const printer = rules.printer ?? defaultPrinter;
  return {
    info,
    applyDefaults(obj) {
      rules.defaults?.(obj);
    },
    prepareForCreate(obj) {
      if (hasStatus(info)) {
        const status = rules.initialStatus?.(obj);
        if (status === undefined) delete obj.status;
        else obj.status = status;
      }
      if (rules.tracksGeneration) {
        if (typeof obj.metadata !== 'object' || obj.metadata === null) obj.metadata = {};
        obj.metadata.generation = 1;
      }
      rules.prepareCreate?.(obj);
    },
    prepareForUpdate(obj, old, subresource) {
      if (subresource === 'status') {
        // The status endpoint writes status only: spec and user metadata stay as stored.
        for (const k of Object.keys(obj))
          if (k !== 'status' && k !== 'metadata' && k !== 'apiVersion' && k !== 'kind') delete obj[k];
        for (const k of Object.keys(old))
          if (k !== 'status' && k !== 'metadata') obj[k] = structuredClone(old[k]);
        const m = (obj.metadata ??= {});
        const o = old.metadata ?? {};
        for (const k of [
          'labels',
          'annotations',
          'finalizers',
          'ownerReferences',
          'generation',
          'deletionTimestamp',
          'deletionGracePeriodSeconds',
        ]) {
          if (o[k] === undefined) delete m[k];
          else m[k] = structuredClone(o[k]);
        }
        return;
      }
      if (hasStatus(info)) {
        if (old.status === undefined) delete obj.status;
        else obj.status = structuredClone(old.status);
      }
      if (rules.tracksGeneration) {
        if (typeof obj.metadata !== 'object' || obj.metadata === null) obj.metadata = {};
        const oldGeneration = typeof old.metadata?.generation === 'number' ? old.metadata.generation : 1;
        obj.metadata.generation = specChanged(obj, old) ? oldGeneration + 1 : oldGeneration;
      }
      rules.prepareUpdate?.(obj, old);
    },
    validateCreate(obj) {
      return [...validateObjectMeta(obj.metadata, meta), ...(rules.validate?.(obj) ?? [])];
    },
    validateUpdate(obj, old) {
      const errs = validateObjectMetaUpdate(obj.metadata, old.metadata, meta);
      errs.push(...(rules.validate?.(obj) ?? []));
      errs.push(...(rules.validateUpdate?.(obj, old) ?? []));
      return errs;
    },
    ...(rules.admitCreate ? { admitCreate: rules.admitCreate } : {}),
    tableColumns(): TableColumn[] {
      return printer.columns.map((c) => ({ ...c }));
    },
    tableRow(obj, now) {
      return printer.row(obj, now);
    },
    ...(rules.fieldLabels ? { fieldLabels: rules.fieldLabels } : {}),
  };
}

/** Everything but metadata and status counts as spec for generation purposes (Secret-like kinds have no spec field). */
function specChanged(obj: KubeObject, old: KubeObject): boolean {
  const strip = (o: KubeObject) => {
    const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = o;
    return rest;
  };
  return !deepEqual(strip(obj), strip(old));
}
