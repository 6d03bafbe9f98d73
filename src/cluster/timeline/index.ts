// Rollout timelines: per workload, how many pods each revision had, ready
// or not, over time, with the events that explain the changes.
//
// Wiring into the API server (the server room), in three lines:
//
//   const timelines = await startTimelines({ store, clock, dataDir });  // dataDir undefined: in memory
//   // in the request handler, after authentication, before resource routing:
//   if (timelines.route(req, res, url)) return;
//   // on shutdown, before closing the store:
//   await timelines.stop();
//
// The route answers GET /apis/bosun.dev/v1alpha1/[namespaces/{ns}/]rollouttimelines[/{kind}.{name}]
// (see http.ts) and returns false for every other path. In-process readers
// (the dashboard) use timelines.recorder.get/list/subscribe directly.

import { join } from 'node:path';
import { type TimelineRoute, timelineRoutes } from './http.ts';
import { noPersistence, openSqliteTimelines } from './persistence.ts';
import { TimelineRecorder, type TimelineRecorderOptions } from './recorder.ts';

export { parseTimelineName, type TimelineRoute, timelineRoutes } from './http.ts';
export * from './model.ts';
export { noPersistence, openSqliteTimelines, type TimelinePersistence } from './persistence.ts';
export { TimelineRecorder, type TimelineRecorderOptions, type TimelineSummary } from './recorder.ts';
export type { TimelineLimits } from './series.ts';
export { timelineSvg } from './svg.ts';
export { formatOffset, sampleText, timelineText } from './text.ts';

/** The file timelines are kept in, next to the object store's. */
export const timelineDatabaseFile = 'timeline.db';

export interface Timelines {
  recorder: TimelineRecorder;
  route: TimelineRoute;
  stop(): Promise<void>;
}

export interface StartTimelinesOptions extends Omit<TimelineRecorderOptions, 'persistence'> {
  /** Keep timelines in `<dataDir>/timeline.db`; in memory only when unset. */
  dataDir?: string;
}

/** Starts recording (restoring what a previous run kept) and returns the recorder with its HTTP route. */
export async function startTimelines(options: StartTimelinesOptions): Promise<Timelines> {
  const persistence = options.dataDir
    ? await openSqliteTimelines(join(options.dataDir, timelineDatabaseFile))
    : noPersistence;
  const recorder = new TimelineRecorder({ ...options, persistence }).start();
  return { recorder, route: timelineRoutes(recorder), stop: () => recorder.stop() };
}
