/**
 * `kubectl describe` of the networking kinds around Services (k8s.io/kubectl/pkg/describe):
 * EndpointSlice, IngressClass and NetworkPolicy. Objects are plain JSON as the API returns them.
 */
import { formatLabelSelector } from '../selectors/index.ts';
import {
  describeEvents,
  type PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
  tabbed,
} from './describe.ts';

type Obj = Record<string, any>;

const isSet = (v: unknown) => v !== undefined && v !== null;

/** describeEndpointSliceV1. */
export function describeEndpointSlice(slice: Obj, events: Obj[] | undefined): string {
  return tabbed((w) => {
    w.write(0, `Name:\t${slice.metadata?.name}\n`);
    w.write(0, `Namespace:\t${slice.metadata?.namespace}\n`);
    printLabelsMultiline(w, 'Labels', slice.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', slice.metadata?.annotations);
    w.write(0, `AddressType:\t${slice.addressType ?? ''}\n`);
    const ports: Obj[] = slice.ports ?? [];
    if (ports.length === 0) w.write(0, 'Ports: <unset>\n');
    else {
      w.write(0, 'Ports:\n');
      w.write(1, 'Name\tPort\tProtocol\n');
      w.write(1, '----\t----\t--------\n');
      for (const p of ports)
        w.write(1, `${p.name || '<unset>'}\t${isSet(p.port) ? p.port : '<unset>'}\t${p.protocol ?? ''}\n`);
    }
    const endpoints: Obj[] = slice.endpoints ?? [];
    if (endpoints.length === 0) w.write(0, 'Endpoints: <none>\n');
    else {
      w.write(0, 'Endpoints:\n');
      for (const e of endpoints) {
        const addresses = ((e.addresses ?? []) as string[]).join(', ');
        w.write(1, `- Addresses:\t${addresses || '<none>'}\n`);
        w.write(2, 'Conditions:\n');
        w.write(3, `Ready:\t${isSet(e.conditions?.ready) ? String(e.conditions.ready) : '<unset>'}\n`);
        w.write(2, `Hostname:\t${isSet(e.hostname) ? e.hostname : '<unset>'}\n`);
        if (e.targetRef) w.write(2, `TargetRef:\t${e.targetRef.kind ?? ''}/${e.targetRef.name ?? ''}\n`);
        w.write(2, `NodeName:\t${isSet(e.nodeName) ? e.nodeName : '<unset>'}\n`);
        w.write(2, `Zone:\t${isSet(e.zone) ? e.zone : '<unset>'}\n`);
      }
    }
    if (events) describeEvents(events, w);
  });
}

/** describeIngressClassV1. */
export function describeIngressClass(ic: Obj, events: Obj[] | undefined): string {
  return tabbed((w) => {
    w.write(0, `Name:\t${ic.metadata?.name}\n`);
    printLabelsMultiline(w, 'Labels', ic.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', ic.metadata?.annotations);
    w.write(0, `Controller:\t${ic.spec?.controller ?? ''}\n`);
    const params = ic.spec?.parameters;
    if (params) {
      w.write(0, 'Parameters:\n');
      if (isSet(params.apiGroup)) w.write(1, `APIGroup:\t${params.apiGroup}\n`);
      w.write(1, `Kind:\t${params.kind ?? ''}\n`);
      w.write(1, `Name:\t${params.name ?? ''}\n`);
    }
    if (events) describeEvents(events, w);
  });
}

/** time.Time.String() in the local zone: `2006-01-02 15:04:05 -0700 MST` (seconds precision). */
export function goTimeString(timestamp: string | undefined): string {
  const d = new Date(timestamp ?? 0);
  const p = (n: number) => String(n).padStart(2, '0');
  const offset = -d.getTimezoneOffset();
  const abs = Math.abs(offset);
  const numeric = `${offset < 0 ? '-' : '+'}${p(Math.trunc(abs / 60))}${p(abs % 60)}`;
  // Go names the zone by its abbreviation; a zone without one is named by its offset
  const zoneName =
    new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' })
      .formatToParts(d)
      .find((part) => part.type === 'timeZoneName')?.value ?? '';
  const zone = zoneName === 'UTC' || /^[A-Z]{3,5}$/.test(zoneName) ? zoneName : numeric;
  const date = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  return `${date} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())} ${numeric} ${zone}`;
}

/** IntOrString.String() of a port, `<nil>` when unset (fmt's text for a nil receiver). */
const portText = (port: unknown) => (isSet(port) ? String(port) : '<nil>');

function printPeerRules(
  rules: Obj[] | undefined,
  w: PrefixWriter,
  direction: { peers: 'from' | 'to'; title: string; none: string; anyPeer: string },
): void {
  const indent = '    ';
  if (!rules || rules.length === 0) {
    w.write(0, `${indent}${direction.none}\n`);
    return;
  }
  rules.forEach((rule, i) => {
    const ports: Obj[] = rule.ports ?? [];
    if (ports.length === 0) w.write(0, `${indent}To Port: <any> (traffic allowed to all ports)\n`);
    for (const port of ports) {
      const protocol = port.protocol ?? 'TCP';
      if (!isSet(port.endPort)) w.write(0, `${indent}To Port: ${portText(port.port)}/${protocol}\n`);
      else w.write(0, `${indent}To Port Range: ${portText(port.port)}-${port.endPort}/${protocol}\n`);
    }
    const peers: Obj[] = rule[direction.peers] ?? [];
    if (peers.length === 0) w.write(0, `${indent}${direction.anyPeer}\n`);
    for (const peer of peers) {
      w.write(0, `${indent}${direction.title}:\n`);
      if (peer.podSelector && peer.namespaceSelector) {
        w.write(1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
        w.write(1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
      } else if (peer.podSelector)
        w.write(1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
      else if (peer.namespaceSelector)
        w.write(1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
      else if (peer.ipBlock) {
        w.write(1, `${indent}IPBlock:\n`);
        w.write(2, `${indent}CIDR: ${peer.ipBlock.cidr ?? ''}\n`);
        w.write(2, `${indent}Except: ${((peer.ipBlock.except ?? []) as string[]).join(', ')}\n`);
      }
    }
    if (i !== rules.length - 1) w.write(0, `${indent}----------\n`);
  });
}

/** describeNetworkPolicy (no events, as upstream). */
export function describeNetworkPolicy(np: Obj): string {
  const spec = np.spec ?? {};
  return tabbed((w) => {
    w.write(0, `Name:\t${np.metadata?.name}\n`);
    w.write(0, `Namespace:\t${np.metadata?.namespace}\n`);
    w.write(0, `Created on:\t${goTimeString(np.metadata?.creationTimestamp)}\n`);
    printLabelsMultiline(w, 'Labels', np.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', np.metadata?.annotations);
    w.write(0, 'Spec:\n');
    w.write(1, 'PodSelector: ');
    const selector = spec.podSelector ?? {};
    const empty =
      Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
    w.write(
      2,
      empty
        ? '<none> (Allowing the specific traffic to all pods in this namespace)\n'
        : `${formatLabelSelector(selector)}\n`,
    );
    const types: string[] = spec.policyTypes ?? [];
    if (types.includes('Ingress')) {
      w.write(1, 'Allowing ingress traffic:\n');
      printPeerRules(spec.ingress, w, {
        peers: 'from',
        title: 'From',
        none: '<none> (Selected pods are isolated for ingress connectivity)',
        anyPeer: 'From: <any> (traffic not restricted by source)',
      });
    } else w.write(1, 'Not affecting ingress traffic\n');
    if (types.includes('Egress')) {
      w.write(1, 'Allowing egress traffic:\n');
      printPeerRules(spec.egress, w, {
        peers: 'to',
        title: 'To',
        none: '<none> (Selected pods are isolated for egress connectivity)',
        anyPeer: 'To: <any> (traffic not restricted by destination)',
      });
    } else w.write(1, 'Not affecting egress traffic\n');
    w.write(1, `Policy Types: ${types.length > 0 ? types.join(', ') : '<none>'}\n`);
  });
}
