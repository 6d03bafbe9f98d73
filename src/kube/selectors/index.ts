/** Label and field selectors: parsing with upstream's grammar and messages, and matching. */

export {
  checkFieldLabels,
  escapeFieldValue,
  type FieldOperator,
  type FieldRequirement,
  FieldSelector,
  type FieldSet,
  fieldSelectorFromSet,
  objectMetaFieldSet,
  parseFieldSelector,
  unescapeFieldValue,
} from './fields.ts';
export {
  formatLabelSelector,
  type LabelOperator,
  type LabelSelectorObject,
  type Labels,
  labelSelectorAsSelector,
  newRequirement,
  parseLabelSelector,
  type Requirement,
  requirementMatches,
  requirementString,
  Selector,
  SelectorError,
  selectorFromSet,
} from './labels.ts';
export { isDNS1123Subdomain, isLabelKey, isLabelValue } from './validation.ts';
