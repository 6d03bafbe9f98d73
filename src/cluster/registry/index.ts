// The resource registry: every served resource's discovery facts, defaulting, validation and
// Table printing behind the ResourceStrategy contract, plus protobuf request-body decoding.
import { type Allocators, builtinStrategies, randomAllocators } from './kinds.ts';
import type { ResourceStrategy } from './types.ts';

export { ageSince, humanDuration } from '../../kube/index.ts';
export { catalog } from './catalog.ts';
export { evalJSONPath, strategyForCustomResource } from './custom-resources.ts';
export {
  type BudgetDecision,
  budgetBeingProcessed,
  budgetsCovering,
  decideBudget,
  disruptionConditionUpToDate,
  type EvictionRefusal,
  isPodReady,
  multipleBudgets,
  mustPinResourceVersion,
  podCanIgnoreBudget,
  setCondition,
  withDisruptionAllowed,
} from './eviction.ts';
export {
  duplicate,
  forbidden,
  goQuote,
  invalid,
  notFound,
  notSupported,
  required,
  tooLong,
} from './field-errors.ts';
export type { Allocators } from './kinds.ts';
export { podRowConditions } from './kinds.ts';
export { formatLabelSelector, formatLabels } from './printers/tables.ts';
export { decodeProtobufBody, ProtobufError, protobufContentType, protobufKinds } from './protobuf/index.ts';
export type * from './types.ts';

export interface RegistryOptions {
  /** Cluster IP and node port allocation for Services (default: random picks from the default ranges). */
  allocators?: Allocators;
}

/** Every built-in resource, one strategy per served group/version/resource. */
export function resources(options: RegistryOptions = {}): ResourceStrategy[] {
  return builtinStrategies(options.allocators ?? randomAllocators);
}

/** The Scale subresource's `status.selector` for a built-in kind: its spec.selector in string form. */
export { scaleSelector } from './scale.ts';
