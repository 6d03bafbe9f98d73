// What the harness takes from the controllers room.
export {
  ControllerManager,
  deploymentsResource,
  eventsResource,
  type KubeObject,
  podsResource,
  replicaSetsResource,
} from '../../../src/cluster/controllers/index.ts';

import { rollout } from '../../../src/cluster/controllers/index.ts';
export const revisionAnnotation = rollout.revisionAnnotation;
