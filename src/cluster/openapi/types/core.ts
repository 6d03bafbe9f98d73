/**
 * Type facts of core/v1 (the legacy core group) as of Kubernetes v1.35: field names and types, required fields,
 * and the list/map semantics strategic merge patch and server-side apply read
 * (`patch`/`key` = patchStrategy/patchMergeKey tags, `type`/`mapKeys` = +listType/+listMapKey).
 * A `!` after a field name marks it required.
 */
import { type DefineFn, T } from '../dsl.ts';

export function defineCoreV1(def: DefineFn): void {
  def('core.v1.Namespace', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ObjectMeta',
    spec: 'core.v1.NamespaceSpec',
    status: 'core.v1.NamespaceStatus',
  });
  def('core.v1.Pod', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ObjectMeta',
    spec: 'core.v1.PodSpec',
    status: 'core.v1.PodStatus',
  });
  def('core.v1.Service', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ObjectMeta',
    spec: 'core.v1.ServiceSpec',
    status: 'core.v1.ServiceStatus',
  });
  def('core.v1.Endpoints', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ObjectMeta',
    subsets: T.listOf('core.v1.EndpointSubset', { type: 'atomic' }),
  });
  def('core.v1.ConfigMap', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ObjectMeta',
    immutable: T.boolean,
    data: T.mapOf(T.string),
    binaryData: T.mapOf(T.bytes),
  });
  def('core.v1.Secret', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ObjectMeta',
    immutable: T.boolean,
    data: T.mapOf(T.bytes),
    stringData: T.mapOf(T.string),
    type: T.string,
  });
  def('core.v1.ServiceAccount', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ObjectMeta',
    secrets: T.listOf('core.v1.ObjectReference', {
      patch: 'merge',
      key: 'name',
      type: 'map',
      mapKeys: ['name'],
    }),
    imagePullSecrets: T.listOf('core.v1.LocalObjectReference', { type: 'atomic' }),
    automountServiceAccountToken: T.boolean,
  });
  def('core.v1.Event', {
    apiVersion: T.string,
    kind: T.string,
    'metadata!': 'meta.v1.ObjectMeta',
    'involvedObject!': 'core.v1.ObjectReference',
    reason: T.string,
    message: T.string,
    source: 'core.v1.EventSource',
    firstTimestamp: T.time,
    lastTimestamp: T.time,
    count: T.int32,
    type: T.string,
    eventTime: T.microTime,
    series: 'core.v1.EventSeries',
    action: T.string,
    related: 'core.v1.ObjectReference',
    reportingComponent: T.string,
    reportingInstance: T.string,
  });
  def('core.v1.Node', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ObjectMeta',
    spec: 'core.v1.NodeSpec',
    status: 'core.v1.NodeStatus',
  });
  def('core.v1.PersistentVolumeClaim', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ObjectMeta',
    spec: 'core.v1.PersistentVolumeClaimSpec',
    status: 'core.v1.PersistentVolumeClaimStatus',
  });
  def('core.v1.PersistentVolume', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ObjectMeta',
    spec: 'core.v1.PersistentVolumeSpec',
    status: 'core.v1.PersistentVolumeStatus',
  });
  def('core.v1.LimitRange', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ObjectMeta',
    spec: 'core.v1.LimitRangeSpec',
  });
  def('core.v1.ResourceQuota', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ObjectMeta',
    spec: 'core.v1.ResourceQuotaSpec',
    status: 'core.v1.ResourceQuotaStatus',
  });
  def('core.v1.PodTemplate', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ObjectMeta',
    template: 'core.v1.PodTemplateSpec',
  });
  def('core.v1.NamespaceSpec', {
    finalizers: T.listOf(T.string, { type: 'atomic' }),
  });
  def('core.v1.NamespaceStatus', {
    phase: T.enumOf('Active', 'Terminating'),
    conditions: T.listOf('core.v1.NamespaceCondition', {
      patch: 'merge',
      key: 'type',
      type: 'map',
      mapKeys: ['type'],
    }),
  });
  def('core.v1.PodSpec', {
    volumes: T.listOf('core.v1.Volume', {
      patch: 'merge,retainKeys',
      key: 'name',
      type: 'map',
      mapKeys: ['name'],
    }),
    initContainers: T.listOf('core.v1.Container', {
      patch: 'merge',
      key: 'name',
      type: 'map',
      mapKeys: ['name'],
    }),
    'containers!': T.listOf('core.v1.Container', {
      patch: 'merge',
      key: 'name',
      type: 'map',
      mapKeys: ['name'],
    }),
    ephemeralContainers: T.listOf('core.v1.EphemeralContainer', {
      patch: 'merge',
      key: 'name',
      type: 'map',
      mapKeys: ['name'],
    }),
    restartPolicy: T.enumOf('Always', 'OnFailure', 'Never'),
    terminationGracePeriodSeconds: T.int64,
    activeDeadlineSeconds: T.int64,
    dnsPolicy: T.enumOf('ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'),
    nodeSelector: T.mapOf(T.string, 'atomic'),
    serviceAccountName: T.string,
    serviceAccount: T.string,
    automountServiceAccountToken: T.boolean,
    nodeName: T.string,
    hostNetwork: T.boolean,
    hostPID: T.boolean,
    hostIPC: T.boolean,
    shareProcessNamespace: T.boolean,
    securityContext: 'core.v1.PodSecurityContext',
    imagePullSecrets: T.listOf('core.v1.LocalObjectReference', {
      patch: 'merge',
      key: 'name',
      type: 'map',
      mapKeys: ['name'],
    }),
    hostname: T.string,
    subdomain: T.string,
    affinity: 'core.v1.Affinity',
    schedulerName: T.string,
    tolerations: T.listOf('core.v1.Toleration', { type: 'atomic' }),
    hostAliases: T.listOf('core.v1.HostAlias', { patch: 'merge', key: 'ip', type: 'map', mapKeys: ['ip'] }),
    priorityClassName: T.string,
    priority: T.int32,
    dnsConfig: 'core.v1.PodDNSConfig',
    readinessGates: T.listOf('core.v1.PodReadinessGate', { type: 'atomic' }),
    runtimeClassName: T.string,
    enableServiceLinks: T.boolean,
    preemptionPolicy: T.enumOf('PreemptLowerPriority', 'Never'),
    overhead: T.mapOf(T.quantity),
    topologySpreadConstraints: T.listOf('core.v1.TopologySpreadConstraint', {
      patch: 'merge',
      key: 'topologyKey',
      type: 'map',
      mapKeys: ['topologyKey', 'whenUnsatisfiable'],
    }),
    setHostnameAsFQDN: T.boolean,
    os: 'core.v1.PodOS',
    hostUsers: T.boolean,
    schedulingGates: T.listOf('core.v1.PodSchedulingGate', {
      patch: 'merge',
      key: 'name',
      type: 'map',
      mapKeys: ['name'],
    }),
    resourceClaims: T.listOf('core.v1.PodResourceClaim', {
      patch: 'merge,retainKeys',
      key: 'name',
      type: 'map',
      mapKeys: ['name'],
    }),
    resources: 'core.v1.ResourceRequirements',
    hostnameOverride: T.string,
    workloadRef: 'core.v1.WorkloadReference',
  });
  def('core.v1.PodStatus', {
    observedGeneration: T.int64,
    phase: T.enumOf('Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'),
    conditions: T.listOf('core.v1.PodCondition', {
      patch: 'merge',
      key: 'type',
      type: 'map',
      mapKeys: ['type'],
    }),
    message: T.string,
    reason: T.string,
    nominatedNodeName: T.string,
    hostIP: T.string,
    hostIPs: T.listOf('core.v1.HostIP', { patch: 'merge', key: 'ip', type: 'atomic' }),
    podIP: T.string,
    podIPs: T.listOf('core.v1.PodIP', { patch: 'merge', key: 'ip', type: 'map', mapKeys: ['ip'] }),
    startTime: T.time,
    initContainerStatuses: T.listOf('core.v1.ContainerStatus', { type: 'atomic' }),
    containerStatuses: T.listOf('core.v1.ContainerStatus', { type: 'atomic' }),
    qosClass: T.enumOf('Guaranteed', 'Burstable', 'BestEffort'),
    ephemeralContainerStatuses: T.listOf('core.v1.ContainerStatus', { type: 'atomic' }),
    resize: T.string,
    resourceClaimStatuses: T.listOf('core.v1.PodResourceClaimStatus', {
      patch: 'merge,retainKeys',
      key: 'name',
      type: 'map',
      mapKeys: ['name'],
    }),
    extendedResourceClaimStatus: 'core.v1.PodExtendedResourceClaimStatus',
    allocatedResources: T.mapOf(T.quantity),
    resources: 'core.v1.ResourceRequirements',
  });
  def('core.v1.ServiceSpec', {
    ports: T.listOf('core.v1.ServicePort', {
      patch: 'merge',
      key: 'port',
      type: 'map',
      mapKeys: ['port', 'protocol'],
    }),
    selector: T.mapOf(T.string, 'atomic'),
    clusterIP: T.string,
    clusterIPs: T.listOf(T.string, { type: 'atomic' }),
    type: T.enumOf('ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'),
    externalIPs: T.listOf(T.string, { type: 'atomic' }),
    sessionAffinity: T.enumOf('ClientIP', 'None'),
    loadBalancerIP: T.string,
    loadBalancerSourceRanges: T.listOf(T.string, { type: 'atomic' }),
    externalName: T.string,
    externalTrafficPolicy: T.enumOf('Cluster', 'Local'),
    healthCheckNodePort: T.int32,
    publishNotReadyAddresses: T.boolean,
    sessionAffinityConfig: 'core.v1.SessionAffinityConfig',
    ipFamilies: T.listOf(T.enumOf('IPv4', 'IPv6', ''), { type: 'atomic' }),
    ipFamilyPolicy: T.enumOf('SingleStack', 'PreferDualStack', 'RequireDualStack'),
    allocateLoadBalancerNodePorts: T.boolean,
    loadBalancerClass: T.string,
    internalTrafficPolicy: T.enumOf('Cluster', 'Local'),
    trafficDistribution: T.string,
  });
  def('core.v1.ServiceStatus', {
    loadBalancer: 'core.v1.LoadBalancerStatus',
    conditions: T.listOf('meta.v1.Condition', {
      patch: 'merge',
      key: 'type',
      type: 'map',
      mapKeys: ['type'],
    }),
  });
  def('core.v1.EndpointSubset', {
    addresses: T.listOf('core.v1.EndpointAddress', { type: 'atomic' }),
    notReadyAddresses: T.listOf('core.v1.EndpointAddress', { type: 'atomic' }),
    ports: T.listOf('core.v1.EndpointPort', { type: 'atomic' }),
  });
  def(
    'core.v1.ObjectReference',
    {
      kind: T.string,
      namespace: T.string,
      name: T.string,
      uid: T.string,
      apiVersion: T.string,
      resourceVersion: T.string,
      fieldPath: T.string,
    },
    { mapType: 'atomic' },
  );
  def(
    'core.v1.LocalObjectReference',
    {
      name: T.string,
    },
    { mapType: 'atomic' },
  );
  def('core.v1.EventSource', {
    component: T.string,
    host: T.string,
  });
  def('core.v1.EventSeries', {
    count: T.int32,
    lastObservedTime: T.microTime,
  });
  def('core.v1.NodeSpec', {
    podCIDR: T.string,
    podCIDRs: T.listOf(T.string, { patch: 'merge', type: 'set' }),
    providerID: T.string,
    unschedulable: T.boolean,
    taints: T.listOf('core.v1.Taint', { type: 'atomic' }),
    configSource: 'core.v1.NodeConfigSource',
    externalID: T.string,
  });
  def('core.v1.NodeStatus', {
    capacity: T.mapOf(T.quantity),
    allocatable: T.mapOf(T.quantity),
    phase: T.enumOf('Pending', 'Running', 'Terminated'),
    conditions: T.listOf('core.v1.NodeCondition', {
      patch: 'merge',
      key: 'type',
      type: 'map',
      mapKeys: ['type'],
    }),
    addresses: T.listOf('core.v1.NodeAddress', {
      patch: 'merge',
      key: 'type',
      type: 'map',
      mapKeys: ['type'],
    }),
    daemonEndpoints: 'core.v1.NodeDaemonEndpoints',
    nodeInfo: 'core.v1.NodeSystemInfo',
    images: T.listOf('core.v1.ContainerImage', { type: 'atomic' }),
    volumesInUse: T.listOf(T.string, { type: 'atomic' }),
    volumesAttached: T.listOf('core.v1.AttachedVolume', { type: 'atomic' }),
    config: 'core.v1.NodeConfigStatus',
    runtimeHandlers: T.listOf('core.v1.NodeRuntimeHandler', { type: 'atomic' }),
    features: 'core.v1.NodeFeatures',
    declaredFeatures: T.listOf(T.string, { type: 'atomic' }),
  });
  def('core.v1.PersistentVolumeClaimSpec', {
    accessModes: T.listOf(T.enumOf('ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'), {
      type: 'atomic',
    }),
    selector: 'meta.v1.LabelSelector',
    resources: 'core.v1.VolumeResourceRequirements',
    volumeName: T.string,
    storageClassName: T.string,
    volumeMode: T.enumOf('Block', 'Filesystem'),
    dataSource: 'core.v1.TypedLocalObjectReference',
    dataSourceRef: 'core.v1.TypedObjectReference',
    volumeAttributesClassName: T.string,
  });
  def('core.v1.PersistentVolumeClaimStatus', {
    phase: T.enumOf('Pending', 'Bound', 'Lost'),
    accessModes: T.listOf(T.enumOf('ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'), {
      type: 'atomic',
    }),
    capacity: T.mapOf(T.quantity),
    conditions: T.listOf('core.v1.PersistentVolumeClaimCondition', {
      patch: 'merge',
      key: 'type',
      type: 'map',
      mapKeys: ['type'],
    }),
    allocatedResources: T.mapOf(T.quantity),
    allocatedResourceStatuses: T.mapOf(
      T.enumOf(
        'ControllerResizeInProgress',
        'ControllerResizeInfeasible',
        'NodeResizePending',
        'NodeResizeInProgress',
        'NodeResizeInfeasible',
      ),
      'granular',
    ),
    currentVolumeAttributesClassName: T.string,
    modifyVolumeStatus: 'core.v1.ModifyVolumeStatus',
  });
  def('core.v1.PersistentVolumeSpec', {
    capacity: T.mapOf(T.quantity),
    gcePersistentDisk: 'core.v1.GCEPersistentDiskVolumeSource',
    awsElasticBlockStore: 'core.v1.AWSElasticBlockStoreVolumeSource',
    hostPath: 'core.v1.HostPathVolumeSource',
    glusterfs: 'core.v1.GlusterfsPersistentVolumeSource',
    nfs: 'core.v1.NFSVolumeSource',
    rbd: 'core.v1.RBDPersistentVolumeSource',
    iscsi: 'core.v1.ISCSIPersistentVolumeSource',
    cinder: 'core.v1.CinderPersistentVolumeSource',
    cephfs: 'core.v1.CephFSPersistentVolumeSource',
    fc: 'core.v1.FCVolumeSource',
    flocker: 'core.v1.FlockerVolumeSource',
    flexVolume: 'core.v1.FlexPersistentVolumeSource',
    azureFile: 'core.v1.AzureFilePersistentVolumeSource',
    vsphereVolume: 'core.v1.VsphereVirtualDiskVolumeSource',
    quobyte: 'core.v1.QuobyteVolumeSource',
    azureDisk: 'core.v1.AzureDiskVolumeSource',
    photonPersistentDisk: 'core.v1.PhotonPersistentDiskVolumeSource',
    portworxVolume: 'core.v1.PortworxVolumeSource',
    scaleIO: 'core.v1.ScaleIOPersistentVolumeSource',
    local: 'core.v1.LocalVolumeSource',
    storageos: 'core.v1.StorageOSPersistentVolumeSource',
    csi: 'core.v1.CSIPersistentVolumeSource',
    accessModes: T.listOf(T.enumOf('ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'), {
      type: 'atomic',
    }),
    claimRef: 'core.v1.ObjectReference',
    persistentVolumeReclaimPolicy: T.enumOf('Recycle', 'Delete', 'Retain'),
    storageClassName: T.string,
    mountOptions: T.listOf(T.string, { type: 'atomic' }),
    volumeMode: T.enumOf('Block', 'Filesystem'),
    nodeAffinity: 'core.v1.VolumeNodeAffinity',
    volumeAttributesClassName: T.string,
  });
  def('core.v1.PersistentVolumeStatus', {
    phase: T.enumOf('Pending', 'Available', 'Bound', 'Released', 'Failed'),
    message: T.string,
    reason: T.string,
    lastPhaseTransitionTime: T.time,
  });
  def('core.v1.LimitRangeSpec', {
    'limits!': T.listOf('core.v1.LimitRangeItem', { type: 'atomic' }),
  });
  def('core.v1.ResourceQuotaSpec', {
    hard: T.mapOf(T.quantity),
    scopes: T.listOf(
      T.enumOf(
        'Terminating',
        'NotTerminating',
        'BestEffort',
        'NotBestEffort',
        'PriorityClass',
        'CrossNamespacePodAffinity',
        'VolumeAttributesClass',
      ),
      { type: 'atomic' },
    ),
    scopeSelector: 'core.v1.ScopeSelector',
  });
  def('core.v1.ResourceQuotaStatus', {
    hard: T.mapOf(T.quantity),
    used: T.mapOf(T.quantity),
  });
  def('core.v1.PodTemplateSpec', {
    metadata: 'meta.v1.ObjectMeta',
    spec: 'core.v1.PodSpec',
  });
  def('core.v1.NamespaceCondition', {
    'type!': T.string,
    'status!': T.string,
    lastTransitionTime: T.time,
    reason: T.string,
    message: T.string,
  });
  def('core.v1.Volume', {
    'name!': T.string,
    hostPath: 'core.v1.HostPathVolumeSource',
    emptyDir: 'core.v1.EmptyDirVolumeSource',
    gcePersistentDisk: 'core.v1.GCEPersistentDiskVolumeSource',
    awsElasticBlockStore: 'core.v1.AWSElasticBlockStoreVolumeSource',
    gitRepo: 'core.v1.GitRepoVolumeSource',
    secret: 'core.v1.SecretVolumeSource',
    nfs: 'core.v1.NFSVolumeSource',
    iscsi: 'core.v1.ISCSIVolumeSource',
    glusterfs: 'core.v1.GlusterfsVolumeSource',
    persistentVolumeClaim: 'core.v1.PersistentVolumeClaimVolumeSource',
    rbd: 'core.v1.RBDVolumeSource',
    flexVolume: 'core.v1.FlexVolumeSource',
    cinder: 'core.v1.CinderVolumeSource',
    cephfs: 'core.v1.CephFSVolumeSource',
    flocker: 'core.v1.FlockerVolumeSource',
    downwardAPI: 'core.v1.DownwardAPIVolumeSource',
    fc: 'core.v1.FCVolumeSource',
    azureFile: 'core.v1.AzureFileVolumeSource',
    configMap: 'core.v1.ConfigMapVolumeSource',
    vsphereVolume: 'core.v1.VsphereVirtualDiskVolumeSource',
    quobyte: 'core.v1.QuobyteVolumeSource',
    azureDisk: 'core.v1.AzureDiskVolumeSource',
    photonPersistentDisk: 'core.v1.PhotonPersistentDiskVolumeSource',
    projected: 'core.v1.ProjectedVolumeSource',
    portworxVolume: 'core.v1.PortworxVolumeSource',
    scaleIO: 'core.v1.ScaleIOVolumeSource',
    storageos: 'core.v1.StorageOSVolumeSource',
    csi: 'core.v1.CSIVolumeSource',
    ephemeral: 'core.v1.EphemeralVolumeSource',
    image: 'core.v1.ImageVolumeSource',
  });
  def('core.v1.Container', {
    'name!': T.string,
    image: T.string,
    command: T.listOf(T.string, { type: 'atomic' }),
    args: T.listOf(T.string, { type: 'atomic' }),
    workingDir: T.string,
    ports: T.listOf('core.v1.ContainerPort', {
      patch: 'merge',
      key: 'containerPort',
      type: 'map',
      mapKeys: ['containerPort', 'protocol'],
    }),
    envFrom: T.listOf('core.v1.EnvFromSource', { type: 'atomic' }),
    env: T.listOf('core.v1.EnvVar', { patch: 'merge', key: 'name', type: 'map', mapKeys: ['name'] }),
    resources: 'core.v1.ResourceRequirements',
    resizePolicy: T.listOf('core.v1.ContainerResizePolicy', { type: 'atomic' }),
    restartPolicy: T.string,
    restartPolicyRules: T.listOf('core.v1.ContainerRestartRule', { type: 'atomic' }),
    volumeMounts: T.listOf('core.v1.VolumeMount', {
      patch: 'merge',
      key: 'mountPath',
      type: 'map',
      mapKeys: ['mountPath'],
    }),
    volumeDevices: T.listOf('core.v1.VolumeDevice', {
      patch: 'merge',
      key: 'devicePath',
      type: 'map',
      mapKeys: ['devicePath'],
    }),
    livenessProbe: 'core.v1.Probe',
    readinessProbe: 'core.v1.Probe',
    startupProbe: 'core.v1.Probe',
    lifecycle: 'core.v1.Lifecycle',
    terminationMessagePath: T.string,
    terminationMessagePolicy: T.enumOf('File', 'FallbackToLogsOnError'),
    imagePullPolicy: T.enumOf('Always', 'Never', 'IfNotPresent'),
    securityContext: 'core.v1.SecurityContext',
    stdin: T.boolean,
    stdinOnce: T.boolean,
    tty: T.boolean,
  });
  def('core.v1.EphemeralContainer', {
    'name!': T.string,
    image: T.string,
    command: T.listOf(T.string, { type: 'atomic' }),
    args: T.listOf(T.string, { type: 'atomic' }),
    workingDir: T.string,
    ports: T.listOf('core.v1.ContainerPort', {
      patch: 'merge',
      key: 'containerPort',
      type: 'map',
      mapKeys: ['containerPort', 'protocol'],
    }),
    envFrom: T.listOf('core.v1.EnvFromSource', { type: 'atomic' }),
    env: T.listOf('core.v1.EnvVar', { patch: 'merge', key: 'name', type: 'map', mapKeys: ['name'] }),
    resources: 'core.v1.ResourceRequirements',
    resizePolicy: T.listOf('core.v1.ContainerResizePolicy', { type: 'atomic' }),
    restartPolicy: T.string,
    restartPolicyRules: T.listOf('core.v1.ContainerRestartRule', { type: 'atomic' }),
    volumeMounts: T.listOf('core.v1.VolumeMount', {
      patch: 'merge',
      key: 'mountPath',
      type: 'map',
      mapKeys: ['mountPath'],
    }),
    volumeDevices: T.listOf('core.v1.VolumeDevice', {
      patch: 'merge',
      key: 'devicePath',
      type: 'map',
      mapKeys: ['devicePath'],
    }),
    livenessProbe: 'core.v1.Probe',
    readinessProbe: 'core.v1.Probe',
    startupProbe: 'core.v1.Probe',
    lifecycle: 'core.v1.Lifecycle',
    terminationMessagePath: T.string,
    terminationMessagePolicy: T.enumOf('File', 'FallbackToLogsOnError'),
    imagePullPolicy: T.enumOf('Always', 'Never', 'IfNotPresent'),
    securityContext: 'core.v1.SecurityContext',
    stdin: T.boolean,
    stdinOnce: T.boolean,
    tty: T.boolean,
    targetContainerName: T.string,
  });
  def('core.v1.PodSecurityContext', {
    seLinuxOptions: 'core.v1.SELinuxOptions',
    windowsOptions: 'core.v1.WindowsSecurityContextOptions',
    runAsUser: T.int64,
    runAsGroup: T.int64,
    runAsNonRoot: T.boolean,
    supplementalGroups: T.listOf(T.int64, { type: 'atomic' }),
    supplementalGroupsPolicy: T.enumOf('Merge', 'Strict'),
    fsGroup: T.int64,
    sysctls: T.listOf('core.v1.Sysctl', { type: 'atomic' }),
    fsGroupChangePolicy: T.enumOf('OnRootMismatch', 'Always'),
    seccompProfile: 'core.v1.SeccompProfile',
    appArmorProfile: 'core.v1.AppArmorProfile',
    seLinuxChangePolicy: T.string,
  });
  def('core.v1.Affinity', {
    nodeAffinity: 'core.v1.NodeAffinity',
    podAffinity: 'core.v1.PodAffinity',
    podAntiAffinity: 'core.v1.PodAntiAffinity',
  });
  def('core.v1.Toleration', {
    key: T.string,
    operator: T.enumOf('Exists', 'Equal', 'Lt', 'Gt'),
    value: T.string,
    effect: T.enumOf('NoSchedule', 'PreferNoSchedule', 'NoExecute'),
    tolerationSeconds: T.int64,
  });
  def('core.v1.HostAlias', {
    'ip!': T.string,
    hostnames: T.listOf(T.string, { type: 'atomic' }),
  });
  def('core.v1.PodDNSConfig', {
    nameservers: T.listOf(T.string, { type: 'atomic' }),
    searches: T.listOf(T.string, { type: 'atomic' }),
    options: T.listOf('core.v1.PodDNSConfigOption', { type: 'atomic' }),
  });
  def('core.v1.PodReadinessGate', {
    'conditionType!': T.string,
  });
  def('core.v1.TopologySpreadConstraint', {
    'maxSkew!': T.int32,
    'topologyKey!': T.string,
    'whenUnsatisfiable!': T.enumOf('DoNotSchedule', 'ScheduleAnyway'),
    labelSelector: 'meta.v1.LabelSelector',
    minDomains: T.int32,
    nodeAffinityPolicy: T.enumOf('Ignore', 'Honor'),
    nodeTaintsPolicy: T.enumOf('Ignore', 'Honor'),
    matchLabelKeys: T.listOf(T.string, { type: 'atomic' }),
  });
  def('core.v1.PodOS', {
    'name!': T.string,
  });
  def('core.v1.PodSchedulingGate', {
    'name!': T.string,
  });
  def('core.v1.PodResourceClaim', {
    'name!': T.string,
    resourceClaimName: T.string,
    resourceClaimTemplateName: T.string,
  });
  def('core.v1.ResourceRequirements', {
    limits: T.mapOf(T.quantity),
    requests: T.mapOf(T.quantity),
    claims: T.listOf('core.v1.ResourceClaim', { type: 'map', mapKeys: ['name'] }),
  });
  def('core.v1.WorkloadReference', {
    'name!': T.string,
    'podGroup!': T.string,
    podGroupReplicaKey: T.string,
  });
  def('core.v1.PodCondition', {
    'type!': T.string,
    observedGeneration: T.int64,
    'status!': T.string,
    lastProbeTime: T.time,
    lastTransitionTime: T.time,
    reason: T.string,
    message: T.string,
  });
  def('core.v1.HostIP', {
    'ip!': T.string,
  });
  def('core.v1.PodIP', {
    'ip!': T.string,
  });
  def('core.v1.ContainerStatus', {
    'name!': T.string,
    state: 'core.v1.ContainerState',
    lastState: 'core.v1.ContainerState',
    'ready!': T.boolean,
    'restartCount!': T.int32,
    'image!': T.string,
    'imageID!': T.string,
    containerID: T.string,
    started: T.boolean,
    allocatedResources: T.mapOf(T.quantity),
    resources: 'core.v1.ResourceRequirements',
    volumeMounts: T.listOf('core.v1.VolumeMountStatus', {
      patch: 'merge',
      key: 'mountPath',
      type: 'map',
      mapKeys: ['mountPath'],
    }),
    user: 'core.v1.ContainerUser',
    allocatedResourcesStatus: T.listOf('core.v1.ResourceStatus', {
      patch: 'merge',
      key: 'name',
      type: 'map',
      mapKeys: ['name'],
    }),
    stopSignal: T.enumOf(
      'SIGABRT',
      'SIGALRM',
      'SIGBUS',
      'SIGCHLD',
      'SIGCLD',
      'SIGCONT',
      'SIGFPE',
      'SIGHUP',
      'SIGILL',
      'SIGINT',
      'SIGIO',
      'SIGIOT',
      'SIGKILL',
      'SIGPIPE',
      'SIGPOLL',
      'SIGPROF',
      'SIGPWR',
      'SIGQUIT',
      'SIGSEGV',
      'SIGSTKFLT',
      'SIGSTOP',
      'SIGSYS',
      'SIGTERM',
      'SIGTRAP',
      'SIGTSTP',
      'SIGTTIN',
      'SIGTTOU',
      'SIGURG',
      'SIGUSR1',
      'SIGUSR2',
      'SIGVTALRM',
      'SIGWINCH',
      'SIGXCPU',
      'SIGXFSZ',
      'SIGRTMIN',
      'SIGRTMIN+1',
      'SIGRTMIN+2',
      'SIGRTMIN+3',
      'SIGRTMIN+4',
      'SIGRTMIN+5',
      'SIGRTMIN+6',
      'SIGRTMIN+7',
      'SIGRTMIN+8',
      'SIGRTMIN+9',
      'SIGRTMIN+10',
      'SIGRTMIN+11',
      'SIGRTMIN+12',
      'SIGRTMIN+13',
      'SIGRTMIN+14',
      'SIGRTMIN+15',
      'SIGRTMAX-14',
      'SIGRTMAX-13',
      'SIGRTMAX-12',
      'SIGRTMAX-11',
      'SIGRTMAX-10',
      'SIGRTMAX-9',
      'SIGRTMAX-8',
      'SIGRTMAX-7',
      'SIGRTMAX-6',
      'SIGRTMAX-5',
      'SIGRTMAX-4',
      'SIGRTMAX-3',
      'SIGRTMAX-2',
      'SIGRTMAX-1',
      'SIGRTMAX',
    ),
  });
  def('core.v1.PodResourceClaimStatus', {
    'name!': T.string,
    resourceClaimName: T.string,
  });
  def('core.v1.PodExtendedResourceClaimStatus', {
    'requestMappings!': T.listOf('core.v1.ContainerExtendedResourceRequest', { type: 'atomic' }),
    'resourceClaimName!': T.string,
  });
  def('core.v1.ServicePort', {
    name: T.string,
    protocol: { ...T.enumOf('TCP', 'UDP', 'SCTP'), default: 'TCP' },
    appProtocol: T.string,
    'port!': T.int32,
    targetPort: T.intOrString,
    nodePort: T.int32,
  });
  def('core.v1.SessionAffinityConfig', {
    clientIP: 'core.v1.ClientIPConfig',
  });
  def('core.v1.LoadBalancerStatus', {
    ingress: T.listOf('core.v1.LoadBalancerIngress', { type: 'atomic' }),
  });
  def(
    'core.v1.EndpointAddress',
    {
      'ip!': T.string,
      hostname: T.string,
      nodeName: T.string,
      targetRef: 'core.v1.ObjectReference',
    },
    { mapType: 'atomic' },
  );
  def(
    'core.v1.EndpointPort',
    {
      name: T.string,
      'port!': T.int32,
      protocol: { ...T.enumOf('TCP', 'UDP', 'SCTP'), default: 'TCP' },
      appProtocol: T.string,
    },
    { mapType: 'atomic' },
  );
  def('core.v1.Taint', {
    'key!': T.string,
    value: T.string,
    'effect!': T.enumOf('NoSchedule', 'PreferNoSchedule', 'NoExecute'),
    timeAdded: T.time,
  });
  def('core.v1.NodeConfigSource', {
    configMap: 'core.v1.ConfigMapNodeConfigSource',
  });
  def('core.v1.NodeCondition', {
    'type!': T.string,
    'status!': T.string,
    lastHeartbeatTime: T.time,
    lastTransitionTime: T.time,
    reason: T.string,
    message: T.string,
  });
  def('core.v1.NodeAddress', {
    'type!': T.string,
    'address!': T.string,
  });
  def('core.v1.NodeDaemonEndpoints', {
    kubeletEndpoint: 'core.v1.DaemonEndpoint',
  });
  def('core.v1.NodeSystemInfo', {
    'machineID!': T.string,
    'systemUUID!': T.string,
    'bootID!': T.string,
    'kernelVersion!': T.string,
    'osImage!': T.string,
    'containerRuntimeVersion!': T.string,
    'kubeletVersion!': T.string,
    'kubeProxyVersion!': T.string,
    'operatingSystem!': T.string,
    'architecture!': T.string,
    swap: 'core.v1.NodeSwapStatus',
  });
  def('core.v1.ContainerImage', {
    names: T.listOf(T.string, { type: 'atomic' }),
    sizeBytes: T.int64,
  });
  def('core.v1.AttachedVolume', {
    'name!': T.string,
    'devicePath!': T.string,
  });
  def('core.v1.NodeConfigStatus', {
    assigned: 'core.v1.NodeConfigSource',
    active: 'core.v1.NodeConfigSource',
    lastKnownGood: 'core.v1.NodeConfigSource',
    error: T.string,
  });
  def('core.v1.NodeRuntimeHandler', {
    name: T.string,
    features: 'core.v1.NodeRuntimeHandlerFeatures',
  });
  def('core.v1.NodeFeatures', {
    supplementalGroupsPolicy: T.boolean,
  });
  def('core.v1.VolumeResourceRequirements', {
    limits: T.mapOf(T.quantity),
    requests: T.mapOf(T.quantity),
  });
  def(
    'core.v1.TypedLocalObjectReference',
    {
      apiGroup: T.string,
      'kind!': T.string,
      'name!': T.string,
    },
    { mapType: 'atomic' },
  );
  def('core.v1.TypedObjectReference', {
    apiGroup: T.string,
    'kind!': T.string,
    'name!': T.string,
    namespace: T.string,
  });
  def('core.v1.PersistentVolumeClaimCondition', {
    'type!': T.string,
    'status!': T.string,
    lastProbeTime: T.time,
    lastTransitionTime: T.time,
    reason: T.string,
    message: T.string,
  });
  def('core.v1.ModifyVolumeStatus', {
    targetVolumeAttributesClassName: T.string,
    'status!': T.enumOf('Pending', 'InProgress', 'Infeasible'),
  });
  def('core.v1.GCEPersistentDiskVolumeSource', {
    'pdName!': T.string,
    fsType: T.string,
    partition: T.int32,
    readOnly: T.boolean,
  });
  def('core.v1.AWSElasticBlockStoreVolumeSource', {
    'volumeID!': T.string,
    fsType: T.string,
    partition: T.int32,
    readOnly: T.boolean,
  });
  def('core.v1.HostPathVolumeSource', {
    'path!': T.string,
    type: T.enumOf(
      '',
      'DirectoryOrCreate',
      'Directory',
      'FileOrCreate',
      'File',
      'Socket',
      'CharDevice',
      'BlockDevice',
    ),
  });
  def('core.v1.GlusterfsPersistentVolumeSource', {
    'endpoints!': T.string,
    'path!': T.string,
    readOnly: T.boolean,
    endpointsNamespace: T.string,
  });
  def('core.v1.NFSVolumeSource', {
    'server!': T.string,
    'path!': T.string,
    readOnly: T.boolean,
  });
  def('core.v1.RBDPersistentVolumeSource', {
    'monitors!': T.listOf(T.string, { type: 'atomic' }),
    'image!': T.string,
    fsType: T.string,
    pool: T.string,
    user: T.string,
    keyring: T.string,
    secretRef: 'core.v1.SecretReference',
    readOnly: T.boolean,
  });
  def('core.v1.ISCSIPersistentVolumeSource', {
    'targetPortal!': T.string,
    'iqn!': T.string,
    'lun!': T.int32,
    iscsiInterface: T.string,
    fsType: T.string,
    readOnly: T.boolean,
    portals: T.listOf(T.string, { type: 'atomic' }),
    chapAuthDiscovery: T.boolean,
    chapAuthSession: T.boolean,
    secretRef: 'core.v1.SecretReference',
    initiatorName: T.string,
  });
  def('core.v1.CinderPersistentVolumeSource', {
    'volumeID!': T.string,
    fsType: T.string,
    readOnly: T.boolean,
    secretRef: 'core.v1.SecretReference',
  });
  def('core.v1.CephFSPersistentVolumeSource', {
    'monitors!': T.listOf(T.string, { type: 'atomic' }),
    path: T.string,
    user: T.string,
    secretFile: T.string,
    secretRef: 'core.v1.SecretReference',
    readOnly: T.boolean,
  });
  def('core.v1.FCVolumeSource', {
    targetWWNs: T.listOf(T.string, { type: 'atomic' }),
    lun: T.int32,
    fsType: T.string,
    readOnly: T.boolean,
    wwids: T.listOf(T.string, { type: 'atomic' }),
  });
  def('core.v1.FlockerVolumeSource', {
    datasetName: T.string,
    datasetUUID: T.string,
  });
  def('core.v1.FlexPersistentVolumeSource', {
    'driver!': T.string,
    fsType: T.string,
    secretRef: 'core.v1.SecretReference',
    readOnly: T.boolean,
    options: T.mapOf(T.string),
  });
  def('core.v1.AzureFilePersistentVolumeSource', {
    'secretName!': T.string,
    'shareName!': T.string,
    readOnly: T.boolean,
    secretNamespace: T.string,
  });
  def('core.v1.VsphereVirtualDiskVolumeSource', {
    'volumePath!': T.string,
    fsType: T.string,
    storagePolicyName: T.string,
    storagePolicyID: T.string,
  });
  def('core.v1.QuobyteVolumeSource', {
    'registry!': T.string,
    'volume!': T.string,
    readOnly: T.boolean,
    user: T.string,
    group: T.string,
    tenant: T.string,
  });
  def('core.v1.AzureDiskVolumeSource', {
    'diskName!': T.string,
    'diskURI!': T.string,
    cachingMode: T.enumOf('None', 'ReadOnly', 'ReadWrite'),
    fsType: T.string,
    readOnly: T.boolean,
    kind: T.enumOf('Shared', 'Dedicated', 'Managed'),
  });
  def('core.v1.PhotonPersistentDiskVolumeSource', {
    'pdID!': T.string,
    fsType: T.string,
  });
  def('core.v1.PortworxVolumeSource', {
    'volumeID!': T.string,
    fsType: T.string,
    readOnly: T.boolean,
  });
  def('core.v1.ScaleIOPersistentVolumeSource', {
    'gateway!': T.string,
    'system!': T.string,
    'secretRef!': 'core.v1.SecretReference',
    sslEnabled: T.boolean,
    protectionDomain: T.string,
    storagePool: T.string,
    storageMode: T.string,
    volumeName: T.string,
    fsType: T.string,
    readOnly: T.boolean,
  });
  def('core.v1.LocalVolumeSource', {
    'path!': T.string,
    fsType: T.string,
  });
  def('core.v1.StorageOSPersistentVolumeSource', {
    volumeName: T.string,
    volumeNamespace: T.string,
    fsType: T.string,
    readOnly: T.boolean,
    secretRef: 'core.v1.ObjectReference',
  });
  def('core.v1.CSIPersistentVolumeSource', {
    'driver!': T.string,
    'volumeHandle!': T.string,
    readOnly: T.boolean,
    fsType: T.string,
    volumeAttributes: T.mapOf(T.string),
    controllerPublishSecretRef: 'core.v1.SecretReference',
    nodeStageSecretRef: 'core.v1.SecretReference',
    nodePublishSecretRef: 'core.v1.SecretReference',
    controllerExpandSecretRef: 'core.v1.SecretReference',
    nodeExpandSecretRef: 'core.v1.SecretReference',
  });
  def('core.v1.VolumeNodeAffinity', {
    required: 'core.v1.NodeSelector',
  });
  def('core.v1.LimitRangeItem', {
    'type!': T.string,
    max: T.mapOf(T.quantity),
    min: T.mapOf(T.quantity),
    default: T.mapOf(T.quantity),
    defaultRequest: T.mapOf(T.quantity),
    maxLimitRequestRatio: T.mapOf(T.quantity),
  });
  def(
    'core.v1.ScopeSelector',
    {
      matchExpressions: T.listOf('core.v1.ScopedResourceSelectorRequirement', { type: 'atomic' }),
    },
    { mapType: 'atomic' },
  );
  def('core.v1.EmptyDirVolumeSource', {
    medium: T.string,
    sizeLimit: T.quantity,
  });
  def('core.v1.GitRepoVolumeSource', {
    'repository!': T.string,
    revision: T.string,
    directory: T.string,
  });
  def('core.v1.SecretVolumeSource', {
    secretName: T.string,
    items: T.listOf('core.v1.KeyToPath', { type: 'atomic' }),
    defaultMode: T.int32,
    optional: T.boolean,
  });
  def('core.v1.ISCSIVolumeSource', {
    'targetPortal!': T.string,
    'iqn!': T.string,
    'lun!': T.int32,
    iscsiInterface: T.string,
    fsType: T.string,
    readOnly: T.boolean,
    portals: T.listOf(T.string, { type: 'atomic' }),
    chapAuthDiscovery: T.boolean,
    chapAuthSession: T.boolean,
    secretRef: 'core.v1.LocalObjectReference',
    initiatorName: T.string,
  });
  def('core.v1.GlusterfsVolumeSource', {
    'endpoints!': T.string,
    'path!': T.string,
    readOnly: T.boolean,
  });
  def('core.v1.PersistentVolumeClaimVolumeSource', {
    'claimName!': T.string,
    readOnly: T.boolean,
  });
  def('core.v1.RBDVolumeSource', {
    'monitors!': T.listOf(T.string, { type: 'atomic' }),
    'image!': T.string,
    fsType: T.string,
    pool: T.string,
    user: T.string,
    keyring: T.string,
    secretRef: 'core.v1.LocalObjectReference',
    readOnly: T.boolean,
  });
  def('core.v1.FlexVolumeSource', {
    'driver!': T.string,
    fsType: T.string,
    secretRef: 'core.v1.LocalObjectReference',
    readOnly: T.boolean,
    options: T.mapOf(T.string),
  });
  def('core.v1.CinderVolumeSource', {
    'volumeID!': T.string,
    fsType: T.string,
    readOnly: T.boolean,
    secretRef: 'core.v1.LocalObjectReference',
  });
  def('core.v1.CephFSVolumeSource', {
    'monitors!': T.listOf(T.string, { type: 'atomic' }),
    path: T.string,
    user: T.string,
    secretFile: T.string,
    secretRef: 'core.v1.LocalObjectReference',
    readOnly: T.boolean,
  });
  def('core.v1.DownwardAPIVolumeSource', {
    items: T.listOf('core.v1.DownwardAPIVolumeFile', { type: 'atomic' }),
    defaultMode: T.int32,
  });
  def('core.v1.AzureFileVolumeSource', {
    'secretName!': T.string,
    'shareName!': T.string,
    readOnly: T.boolean,
  });
  def('core.v1.ConfigMapVolumeSource', {
    name: T.string,
    items: T.listOf('core.v1.KeyToPath', { type: 'atomic' }),
    defaultMode: T.int32,
    optional: T.boolean,
  });
  def('core.v1.ProjectedVolumeSource', {
    sources: T.listOf('core.v1.VolumeProjection', { type: 'atomic' }),
    defaultMode: T.int32,
  });
  def('core.v1.ScaleIOVolumeSource', {
    'gateway!': T.string,
    'system!': T.string,
    'secretRef!': 'core.v1.LocalObjectReference',
    sslEnabled: T.boolean,
    protectionDomain: T.string,
    storagePool: T.string,
    storageMode: T.string,
    volumeName: T.string,
    fsType: T.string,
    readOnly: T.boolean,
  });
  def('core.v1.StorageOSVolumeSource', {
    volumeName: T.string,
    volumeNamespace: T.string,
    fsType: T.string,
    readOnly: T.boolean,
    secretRef: 'core.v1.LocalObjectReference',
  });
  def('core.v1.CSIVolumeSource', {
    'driver!': T.string,
    readOnly: T.boolean,
    fsType: T.string,
    volumeAttributes: T.mapOf(T.string),
    nodePublishSecretRef: 'core.v1.LocalObjectReference',
  });
  def('core.v1.EphemeralVolumeSource', {
    volumeClaimTemplate: 'core.v1.PersistentVolumeClaimTemplate',
  });
  def('core.v1.ImageVolumeSource', {
    reference: T.string,
    pullPolicy: T.enumOf('Always', 'Never', 'IfNotPresent'),
  });
  def('core.v1.ContainerPort', {
    name: T.string,
    hostPort: T.int32,
    'containerPort!': T.int32,
    protocol: { ...T.enumOf('TCP', 'UDP', 'SCTP'), default: 'TCP' },
    hostIP: T.string,
  });
  def('core.v1.EnvFromSource', {
    prefix: T.string,
    configMapRef: 'core.v1.ConfigMapEnvSource',
    secretRef: 'core.v1.SecretEnvSource',
  });
  def('core.v1.EnvVar', {
    'name!': T.string,
    value: T.string,
    valueFrom: 'core.v1.EnvVarSource',
  });
  def('core.v1.ContainerResizePolicy', {
    'resourceName!': T.string,
    'restartPolicy!': T.string,
  });
  def('core.v1.ContainerRestartRule', {
    action: T.string,
    exitCodes: 'core.v1.ContainerRestartRuleOnExitCodes',
  });
  def('core.v1.VolumeMount', {
    'name!': T.string,
    readOnly: T.boolean,
    recursiveReadOnly: T.string,
    'mountPath!': T.string,
    subPath: T.string,
    mountPropagation: T.enumOf('None', 'HostToContainer', 'Bidirectional'),
    subPathExpr: T.string,
  });
  def('core.v1.VolumeDevice', {
    'name!': T.string,
    'devicePath!': T.string,
  });
  def('core.v1.Probe', {
    exec: 'core.v1.ExecAction',
    httpGet: 'core.v1.HTTPGetAction',
    tcpSocket: 'core.v1.TCPSocketAction',
    grpc: 'core.v1.GRPCAction',
    initialDelaySeconds: T.int32,
    timeoutSeconds: T.int32,
    periodSeconds: T.int32,
    successThreshold: T.int32,
    failureThreshold: T.int32,
    terminationGracePeriodSeconds: T.int64,
  });
  def('core.v1.Lifecycle', {
    postStart: 'core.v1.LifecycleHandler',
    preStop: 'core.v1.LifecycleHandler',
    stopSignal: T.enumOf(
      'SIGABRT',
      'SIGALRM',
      'SIGBUS',
      'SIGCHLD',
      'SIGCLD',
      'SIGCONT',
      'SIGFPE',
      'SIGHUP',
      'SIGILL',
      'SIGINT',
      'SIGIO',
      'SIGIOT',
      'SIGKILL',
      'SIGPIPE',
      'SIGPOLL',
      'SIGPROF',
      'SIGPWR',
      'SIGQUIT',
      'SIGSEGV',
      'SIGSTKFLT',
      'SIGSTOP',
      'SIGSYS',
      'SIGTERM',
      'SIGTRAP',
      'SIGTSTP',
      'SIGTTIN',
      'SIGTTOU',
      'SIGURG',
      'SIGUSR1',
      'SIGUSR2',
      'SIGVTALRM',
      'SIGWINCH',
      'SIGXCPU',
      'SIGXFSZ',
      'SIGRTMIN',
      'SIGRTMIN+1',
      'SIGRTMIN+2',
      'SIGRTMIN+3',
      'SIGRTMIN+4',
      'SIGRTMIN+5',
      'SIGRTMIN+6',
      'SIGRTMIN+7',
      'SIGRTMIN+8',
      'SIGRTMIN+9',
      'SIGRTMIN+10',
      'SIGRTMIN+11',
      'SIGRTMIN+12',
      'SIGRTMIN+13',
      'SIGRTMIN+14',
      'SIGRTMIN+15',
      'SIGRTMAX-14',
      'SIGRTMAX-13',
      'SIGRTMAX-12',
      'SIGRTMAX-11',
      'SIGRTMAX-10',
      'SIGRTMAX-9',
      'SIGRTMAX-8',
      'SIGRTMAX-7',
      'SIGRTMAX-6',
      'SIGRTMAX-5',
      'SIGRTMAX-4',
      'SIGRTMAX-3',
      'SIGRTMAX-2',
      'SIGRTMAX-1',
      'SIGRTMAX',
    ),
  });
  def('core.v1.SecurityContext', {
    capabilities: 'core.v1.Capabilities',
    privileged: T.boolean,
    seLinuxOptions: 'core.v1.SELinuxOptions',
    windowsOptions: 'core.v1.WindowsSecurityContextOptions',
    runAsUser: T.int64,
    runAsGroup: T.int64,
    runAsNonRoot: T.boolean,
    readOnlyRootFilesystem: T.boolean,
    allowPrivilegeEscalation: T.boolean,
    procMount: T.enumOf('Default', 'Unmasked'),
    seccompProfile: 'core.v1.SeccompProfile',
    appArmorProfile: 'core.v1.AppArmorProfile',
  });
  def('core.v1.SELinuxOptions', {
    user: T.string,
    role: T.string,
    type: T.string,
    level: T.string,
  });
  def('core.v1.WindowsSecurityContextOptions', {
    gmsaCredentialSpecName: T.string,
    gmsaCredentialSpec: T.string,
    runAsUserName: T.string,
    hostProcess: T.boolean,
  });
  def('core.v1.Sysctl', {
    'name!': T.string,
    'value!': T.string,
  });
  def('core.v1.SeccompProfile', {
    'type!': T.enumOf('Unconfined', 'RuntimeDefault', 'Localhost'),
    localhostProfile: T.string,
  });
  def('core.v1.AppArmorProfile', {
    'type!': T.enumOf('Unconfined', 'RuntimeDefault', 'Localhost'),
    localhostProfile: T.string,
  });
  def('core.v1.NodeAffinity', {
    requiredDuringSchedulingIgnoredDuringExecution: 'core.v1.NodeSelector',
    preferredDuringSchedulingIgnoredDuringExecution: T.listOf('core.v1.PreferredSchedulingTerm', {
      type: 'atomic',
    }),
  });
  def('core.v1.PodAffinity', {
    requiredDuringSchedulingIgnoredDuringExecution: T.listOf('core.v1.PodAffinityTerm', { type: 'atomic' }),
    preferredDuringSchedulingIgnoredDuringExecution: T.listOf('core.v1.WeightedPodAffinityTerm', {
      type: 'atomic',
    }),
  });
  def('core.v1.PodAntiAffinity', {
    requiredDuringSchedulingIgnoredDuringExecution: T.listOf('core.v1.PodAffinityTerm', { type: 'atomic' }),
    preferredDuringSchedulingIgnoredDuringExecution: T.listOf('core.v1.WeightedPodAffinityTerm', {
      type: 'atomic',
    }),
  });
  def('core.v1.PodDNSConfigOption', {
    name: T.string,
    value: T.string,
  });
  def('core.v1.ResourceClaim', {
    'name!': T.string,
    request: T.string,
  });
  def('core.v1.ContainerState', {
    waiting: 'core.v1.ContainerStateWaiting',
    running: 'core.v1.ContainerStateRunning',
    terminated: 'core.v1.ContainerStateTerminated',
  });
  def('core.v1.VolumeMountStatus', {
    'name!': T.string,
    'mountPath!': T.string,
    readOnly: T.boolean,
    recursiveReadOnly: T.string,
  });
  def('core.v1.ContainerUser', {
    linux: 'core.v1.LinuxContainerUser',
  });
  def('core.v1.ResourceStatus', {
    'name!': T.string,
    resources: T.listOf('core.v1.ResourceHealth', { type: 'map', mapKeys: ['resourceID'] }),
  });
  def('core.v1.ContainerExtendedResourceRequest', {
    'containerName!': T.string,
    'resourceName!': T.string,
    'requestName!': T.string,
  });
  def('core.v1.ClientIPConfig', {
    timeoutSeconds: T.int32,
  });
  def('core.v1.LoadBalancerIngress', {
    ip: T.string,
    hostname: T.string,
    ipMode: T.string,
    ports: T.listOf('core.v1.PortStatus', { type: 'atomic' }),
  });
  def('core.v1.ConfigMapNodeConfigSource', {
    'namespace!': T.string,
    'name!': T.string,
    uid: T.string,
    resourceVersion: T.string,
    'kubeletConfigKey!': T.string,
  });
  def('core.v1.DaemonEndpoint', {
    'Port!': T.int32,
  });
  def('core.v1.NodeSwapStatus', {
    capacity: T.int64,
  });
  def('core.v1.NodeRuntimeHandlerFeatures', {
    recursiveReadOnlyMounts: T.boolean,
    userNamespaces: T.boolean,
  });
  def(
    'core.v1.SecretReference',
    {
      name: T.string,
      namespace: T.string,
    },
    { mapType: 'atomic' },
  );
  def(
    'core.v1.NodeSelector',
    {
      'nodeSelectorTerms!': T.listOf('core.v1.NodeSelectorTerm', { type: 'atomic' }),
    },
    { mapType: 'atomic' },
  );
  def('core.v1.ScopedResourceSelectorRequirement', {
    'scopeName!': T.enumOf(
      'Terminating',
      'NotTerminating',
      'BestEffort',
      'NotBestEffort',
      'PriorityClass',
      'CrossNamespacePodAffinity',
      'VolumeAttributesClass',
    ),
    'operator!': T.enumOf('In', 'NotIn', 'Exists', 'DoesNotExist'),
    values: T.listOf(T.string, { type: 'atomic' }),
  });
  def('core.v1.KeyToPath', {
    'key!': T.string,
    'path!': T.string,
    mode: T.int32,
  });
  def('core.v1.DownwardAPIVolumeFile', {
    'path!': T.string,
    fieldRef: 'core.v1.ObjectFieldSelector',
    resourceFieldRef: 'core.v1.ResourceFieldSelector',
    mode: T.int32,
  });
  def('core.v1.VolumeProjection', {
    secret: 'core.v1.SecretProjection',
    downwardAPI: 'core.v1.DownwardAPIProjection',
    configMap: 'core.v1.ConfigMapProjection',
    serviceAccountToken: 'core.v1.ServiceAccountTokenProjection',
    clusterTrustBundle: 'core.v1.ClusterTrustBundleProjection',
    podCertificate: 'core.v1.PodCertificateProjection',
  });
  def('core.v1.PersistentVolumeClaimTemplate', {
    metadata: 'meta.v1.ObjectMeta',
    'spec!': 'core.v1.PersistentVolumeClaimSpec',
  });
  def('core.v1.ConfigMapEnvSource', {
    name: T.string,
    optional: T.boolean,
  });
  def('core.v1.SecretEnvSource', {
    name: T.string,
    optional: T.boolean,
  });
  def('core.v1.EnvVarSource', {
    fieldRef: 'core.v1.ObjectFieldSelector',
    resourceFieldRef: 'core.v1.ResourceFieldSelector',
    configMapKeyRef: 'core.v1.ConfigMapKeySelector',
    secretKeyRef: 'core.v1.SecretKeySelector',
    fileKeyRef: 'core.v1.FileKeySelector',
  });
  def('core.v1.ContainerRestartRuleOnExitCodes', {
    operator: T.string,
    values: T.listOf(T.int32, { type: 'set' }),
  });
  def('core.v1.ExecAction', {
    command: T.listOf(T.string, { type: 'atomic' }),
  });
  def('core.v1.HTTPGetAction', {
    path: T.string,
    'port!': T.intOrString,
    host: T.string,
    scheme: T.enumOf('HTTP', 'HTTPS'),
    httpHeaders: T.listOf('core.v1.HTTPHeader', { type: 'atomic' }),
  });
  def('core.v1.TCPSocketAction', {
    'port!': T.intOrString,
    host: T.string,
  });
  def('core.v1.GRPCAction', {
    'port!': T.int32,
    service: T.string,
  });
  def('core.v1.LifecycleHandler', {
    exec: 'core.v1.ExecAction',
    httpGet: 'core.v1.HTTPGetAction',
    tcpSocket: 'core.v1.TCPSocketAction',
    sleep: 'core.v1.SleepAction',
  });
  def('core.v1.Capabilities', {
    add: T.listOf(T.string, { type: 'atomic' }),
    drop: T.listOf(T.string, { type: 'atomic' }),
  });
  def('core.v1.PreferredSchedulingTerm', {
    'weight!': T.int32,
    'preference!': 'core.v1.NodeSelectorTerm',
  });
  def('core.v1.PodAffinityTerm', {
    labelSelector: 'meta.v1.LabelSelector',
    namespaces: T.listOf(T.string, { type: 'atomic' }),
    'topologyKey!': T.string,
    namespaceSelector: 'meta.v1.LabelSelector',
    matchLabelKeys: T.listOf(T.string, { type: 'atomic' }),
    mismatchLabelKeys: T.listOf(T.string, { type: 'atomic' }),
  });
  def('core.v1.WeightedPodAffinityTerm', {
    'weight!': T.int32,
    'podAffinityTerm!': 'core.v1.PodAffinityTerm',
  });
  def('core.v1.ContainerStateWaiting', {
    reason: T.string,
    message: T.string,
  });
  def('core.v1.ContainerStateRunning', {
    startedAt: T.time,
  });
  def('core.v1.ContainerStateTerminated', {
    'exitCode!': T.int32,
    signal: T.int32,
    reason: T.string,
    message: T.string,
    startedAt: T.time,
    finishedAt: T.time,
    containerID: T.string,
  });
  def('core.v1.LinuxContainerUser', {
    'uid!': T.int64,
    'gid!': T.int64,
    supplementalGroups: T.listOf(T.int64, { type: 'atomic' }),
  });
  def('core.v1.ResourceHealth', {
    'resourceID!': T.string,
    health: T.string,
  });
  def('core.v1.PortStatus', {
    'port!': T.int32,
    'protocol!': T.enumOf('TCP', 'UDP', 'SCTP'),
    error: T.string,
  });
  def(
    'core.v1.NodeSelectorTerm',
    {
      matchExpressions: T.listOf('core.v1.NodeSelectorRequirement', { type: 'atomic' }),
      matchFields: T.listOf('core.v1.NodeSelectorRequirement', { type: 'atomic' }),
    },
    { mapType: 'atomic' },
  );
  def(
    'core.v1.ObjectFieldSelector',
    {
      apiVersion: T.string,
      'fieldPath!': T.string,
    },
    { mapType: 'atomic' },
  );
  def(
    'core.v1.ResourceFieldSelector',
    {
      containerName: T.string,
      'resource!': T.string,
      divisor: T.quantity,
    },
    { mapType: 'atomic' },
  );
  def('core.v1.SecretProjection', {
    name: T.string,
    items: T.listOf('core.v1.KeyToPath', { type: 'atomic' }),
    optional: T.boolean,
  });
  def('core.v1.DownwardAPIProjection', {
    items: T.listOf('core.v1.DownwardAPIVolumeFile', { type: 'atomic' }),
  });
  def('core.v1.ConfigMapProjection', {
    name: T.string,
    items: T.listOf('core.v1.KeyToPath', { type: 'atomic' }),
    optional: T.boolean,
  });
  def('core.v1.ServiceAccountTokenProjection', {
    audience: T.string,
    expirationSeconds: T.int64,
    'path!': T.string,
  });
  def('core.v1.ClusterTrustBundleProjection', {
    name: T.string,
    signerName: T.string,
    labelSelector: 'meta.v1.LabelSelector',
    optional: T.boolean,
    'path!': T.string,
  });
  def('core.v1.PodCertificateProjection', {
    signerName: T.string,
    keyType: T.string,
    maxExpirationSeconds: T.int32,
    credentialBundlePath: T.string,
    keyPath: T.string,
    certificateChainPath: T.string,
    userAnnotations: T.mapOf(T.string),
  });
  def(
    'core.v1.ConfigMapKeySelector',
    {
      name: T.string,
      'key!': T.string,
      optional: T.boolean,
    },
    { mapType: 'atomic' },
  );
  def(
    'core.v1.SecretKeySelector',
    {
      name: T.string,
      'key!': T.string,
      optional: T.boolean,
    },
    { mapType: 'atomic' },
  );
  def(
    'core.v1.FileKeySelector',
    {
      'volumeName!': T.string,
      'path!': T.string,
      'key!': T.string,
      optional: T.boolean,
    },
    { mapType: 'atomic' },
  );
  def('core.v1.HTTPHeader', {
    'name!': T.string,
    'value!': T.string,
  });
  def('core.v1.SleepAction', {
    'seconds!': T.int64,
  });
  def('core.v1.NodeSelectorRequirement', {
    'key!': T.string,
    'operator!': T.enumOf('In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'),
    values: T.listOf(T.string, { type: 'atomic' }),
  });
}
