// The seed's ch09 Deployment walkthrough (ch09-deployments-scenario.ts) with the real kubectl.

import { ch09Deployments } from './ch09-deployments-scenario.ts';
import { realKubectl } from './support.ts';

ch09Deployments(realKubectl);
