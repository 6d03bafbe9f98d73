// The seed's ch09 DaemonSet and StatefulSet walkthrough (ch09-workloads-scenario.ts) with the real kubectl.

import { ch09Workloads } from './ch09-workloads-scenario.ts';
import { realKubectl } from './support.ts';

ch09Workloads(realKubectl, { helmInstallWait: true });
