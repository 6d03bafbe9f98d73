// What every controller is given: the API client, the one clock, the shared
// informers and the event recorder.

import type { Clock } from '../clock.ts';
import type { ApiClient } from './client.ts';
import type { EventRecorder } from './events.ts';
import type { InformerFactory } from './informer.ts';

export interface ControllerContext {
  client: ApiClient;
  clock: Clock;
  informers: InformerFactory;
  recorder: EventRecorder;
  /** Reports a failed sync (it is retried with back-off); default: ignored. */
  onError?: (controller: string, key: string, err: unknown) => void;
}

export interface Controller {
  readonly name: string;
  /** True while work is queued or running. */
  busy(): boolean;
  stop(): void;
}
