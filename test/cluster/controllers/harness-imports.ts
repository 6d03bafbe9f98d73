// What the harness takes from the controllers room.
export {
  ControllerManager,
  defaultStorageClass,
  deploymentsResource,
  eventsResource,
  type KubeObject,
  podsResource,
  replicaSetsResource,
  storageClassesResource,
  timeString,
} from '../../../src/cluster/controllers/index.ts';

import { rollout } from '../../../src/cluster/controllers/index.ts';
export const revisionAnnotation = rollout.revisionAnnotation;
