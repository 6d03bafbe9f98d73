/** Server-side apply: field sets, managedFields, structured merge and conflicts (structured-merge-diff semantics). */

export {
  ApplyBadRequestError,
  type ApplyConflict,
  ApplyConflictError,
  ApplyInternalError,
  type ApplyOptions,
  apply,
  type FieldManagerOptions,
  fieldsV1Of,
  lastAppliedAnnotation,
  lastAppliedConfiguration,
  updateManagedFields,
} from './field-manager.ts';
export {
  type FieldPath,
  FieldSet as ManagedFieldSet,
  FieldsV1Error,
  type PathElement,
  pathString,
} from './fieldpath.ts';
export {
  decodeManagedFields,
  encodeManagedFields,
  type ManagedFieldsEntry,
  ManagedFieldsError,
} from './managed-fields.ts';
export { type Comparison, compare, merge, removeItems, TypedValueError, toFieldSet } from './typed.ts';
