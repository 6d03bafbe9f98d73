/**
 * Type facts of events.k8s.io/v1 as of Kubernetes v1.35: field names and types, required fields,
 * and the list/map semantics strategic merge patch and server-side apply read
 * (`patch`/`key` = patchStrategy/patchMergeKey tags, `type`/`mapKeys` = +listType/+listMapKey).
 * A `!` after a field name marks it required.
 */
import { type DefineFn, T } from '../dsl.ts';

export function defineEventsV1(def: DefineFn): void {
  def('events.v1.Event', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ObjectMeta',
    'eventTime!': T.microTime,
    series: 'events.v1.EventSeries',
    reportingController: T.string,
    reportingInstance: T.string,
    action: T.string,
    reason: T.string,
    regarding: 'core.v1.ObjectReference',
    related: 'core.v1.ObjectReference',
    note: T.string,
    type: T.string,
    deprecatedSource: 'core.v1.EventSource',
    deprecatedFirstTimestamp: T.time,
    deprecatedLastTimestamp: T.time,
    deprecatedCount: T.int32,
  });
  def('events.v1.EventSeries', {
    'count!': T.int32,
    'lastObservedTime!': T.microTime,
  });
}
