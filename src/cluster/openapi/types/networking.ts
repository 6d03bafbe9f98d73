/**
 * Type facts of networking.k8s.io/v1 as of Kubernetes v1.35: field names and types, required fields,
 * and the list/map semantics strategic merge patch and server-side apply read
 * (`patch`/`key` = patchStrategy/patchMergeKey tags, `type`/`mapKeys` = +listType/+listMapKey).
 * A `!` after a field name marks it required.
 */
import { type DefineFn, T } from '../dsl.ts';

export function defineNetworkingV1(def: DefineFn): void {
  def('networking.v1.Ingress', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ObjectMeta',
    spec: 'networking.v1.IngressSpec',
    status: 'networking.v1.IngressStatus',
  });
  def('networking.v1.IngressClass', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ObjectMeta',
    spec: 'networking.v1.IngressClassSpec',
  });
  def('networking.v1.NetworkPolicy', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ObjectMeta',
    spec: 'networking.v1.NetworkPolicySpec',
  });
  def('networking.v1.IngressSpec', {
    ingressClassName: T.string,
    defaultBackend: 'networking.v1.IngressBackend',
    tls: T.listOf('networking.v1.IngressTLS', { type: 'atomic' }),
    rules: T.listOf('networking.v1.IngressRule', { type: 'atomic' }),
  });
  def('networking.v1.IngressStatus', {
    loadBalancer: 'networking.v1.IngressLoadBalancerStatus',
  });
  def('networking.v1.IngressClassSpec', {
    controller: T.string,
    parameters: 'networking.v1.IngressClassParametersReference',
  });
  def('networking.v1.NetworkPolicySpec', {
    podSelector: 'meta.v1.LabelSelector',
    ingress: T.listOf('networking.v1.NetworkPolicyIngressRule', { type: 'atomic' }),
    egress: T.listOf('networking.v1.NetworkPolicyEgressRule', { type: 'atomic' }),
    policyTypes: T.listOf(T.enumOf('Ingress', 'Egress'), { type: 'atomic' }),
  });
  def('networking.v1.IngressBackend', {
    service: 'networking.v1.IngressServiceBackend',
    resource: 'core.v1.TypedLocalObjectReference',
  });
  def('networking.v1.IngressTLS', {
    hosts: T.listOf(T.string, { type: 'atomic' }),
    secretName: T.string,
  });
  def('networking.v1.IngressRule', {
    host: T.string,
    http: 'networking.v1.HTTPIngressRuleValue',
  });
  def('networking.v1.IngressLoadBalancerStatus', {
    ingress: T.listOf('networking.v1.IngressLoadBalancerIngress', { type: 'atomic' }),
  });
  def('networking.v1.IngressClassParametersReference', {
    apiGroup: T.string,
    'kind!': T.string,
    'name!': T.string,
    scope: T.string,
    namespace: T.string,
  });
  def('networking.v1.NetworkPolicyIngressRule', {
    ports: T.listOf('networking.v1.NetworkPolicyPort', { type: 'atomic' }),
    from: T.listOf('networking.v1.NetworkPolicyPeer', { type: 'atomic' }),
  });
  def('networking.v1.NetworkPolicyEgressRule', {
    ports: T.listOf('networking.v1.NetworkPolicyPort', { type: 'atomic' }),
    to: T.listOf('networking.v1.NetworkPolicyPeer', { type: 'atomic' }),
  });
  def('networking.v1.IngressServiceBackend', {
    'name!': T.string,
    port: 'networking.v1.ServiceBackendPort',
  });
  def('networking.v1.HTTPIngressRuleValue', {
    'paths!': T.listOf('networking.v1.HTTPIngressPath', { type: 'atomic' }),
  });
  def('networking.v1.IngressLoadBalancerIngress', {
    ip: T.string,
    hostname: T.string,
    ports: T.listOf('networking.v1.IngressPortStatus', { type: 'atomic' }),
  });
  def('networking.v1.NetworkPolicyPort', {
    protocol: T.enumOf('TCP', 'UDP', 'SCTP'),
    port: T.intOrString,
    endPort: T.int32,
  });
  def('networking.v1.NetworkPolicyPeer', {
    podSelector: 'meta.v1.LabelSelector',
    namespaceSelector: 'meta.v1.LabelSelector',
    ipBlock: 'networking.v1.IPBlock',
  });
  def(
    'networking.v1.ServiceBackendPort',
    {
      name: T.string,
      number: T.int32,
    },
    { mapType: 'atomic' },
  );
  def('networking.v1.HTTPIngressPath', {
    path: T.string,
    'pathType!': T.string,
    'backend!': 'networking.v1.IngressBackend',
  });
  def('networking.v1.IngressPortStatus', {
    'port!': T.int32,
    'protocol!': T.enumOf('TCP', 'UDP', 'SCTP'),
    error: T.string,
  });
  def('networking.v1.IPBlock', {
    'cidr!': T.string,
    except: T.listOf(T.string, { type: 'atomic' }),
  });
}
