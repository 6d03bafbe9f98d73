/** The client side of Kubernetes shared with the cluster: type facts, patch algorithms, selectors. */
export * from './apply/index.ts';
export { ageSince, humanDuration } from './duration.ts';
export * from './patch/index.ts';
export {
  createThreeWayMergePatch,
  createTwoWayMergePatch,
  StrategicMergePatchConflictError,
} from './patch/strategic-create.ts';
export {
  canonicalQuantity,
  goInt64OfFloat,
  percentOf,
  Quantity,
  QuantityError,
  type QuantityFormat,
} from './quantity.ts';
export type { SchemaLookup, SchemaNode } from './schema.ts';
export * from './selectors/index.ts';
