// The seed's ch09 Deployment walkthrough (ch09-deployments-scenario.ts) with `bosun kubectl` (the built dist/bosun.mjs), each command also compared with the real kubectl.

import { ch09Deployments } from './ch09-deployments-scenario.ts';
import { oursKubectl } from './support.ts';

ch09Deployments(oursKubectl);
