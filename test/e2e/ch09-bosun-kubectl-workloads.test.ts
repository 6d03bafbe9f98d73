// The seed's ch09 DaemonSet and StatefulSet walkthrough (ch09-workloads-scenario.ts) with `bosun kubectl` (the built dist/bosun.mjs), each command also compared with the real kubectl.

import { ch09Workloads } from './ch09-workloads-scenario.ts';
import { oursKubectl } from './support.ts';

ch09Workloads(oursKubectl);
