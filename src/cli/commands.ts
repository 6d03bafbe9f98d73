/**
 * The command table of the `helm` and `kubectl` groups. Each entry says whether it is built;
 * a built entry names a loader so its room is imported only when the command runs.
 */
import type { Command } from 'commander';
import { registerCreate } from './helm/create.ts';
import { registerDependency } from './helm/dependency.ts';
import { registerGet } from './helm/get.ts';
import { registerHistory } from './helm/history.ts';
import { registerInstall } from './helm/install.ts';
import { registerLint } from './helm/lint.ts';
import { registerList } from './helm/list.ts';
import { registerPackage } from './helm/package.ts';
import { registerShow } from './helm/show.ts';
import { registerStatus } from './helm/status.ts';
import { registerTemplate } from './helm/template-command.ts';
import { registerUninstall } from './helm/uninstall.ts';
import * as kubectl from './kubectl/register.ts';

export interface CommandEntry {
  name: string;
  summary: string;
  /** Present when the command is built: registers flags and the action on `cmd`. */
  register?: (cmd: Command) => void;
}

export const helmCommands: CommandEntry[] = [
  { name: 'completion', summary: 'generate autocompletion scripts for the specified shell' },
  { name: 'create', summary: 'create a new chart with the given name', register: registerCreate },
  { name: 'dependency', summary: "manage a chart's dependencies", register: registerDependency },
  { name: 'env', summary: 'helm client environment information' },
  { name: 'get', summary: 'download extended information of a named release', register: registerGet },
  { name: 'history', summary: 'fetch release history', register: registerHistory },
  { name: 'install', summary: 'install a chart', register: registerInstall },
  { name: 'lint', summary: 'examine a chart for possible issues', register: registerLint },
  { name: 'list', summary: 'list releases', register: registerList },
  { name: 'package', summary: 'package a chart directory into a chart archive', register: registerPackage },
  {
    name: 'pull',
    summary: 'download a chart from a repository and (optionally) unpack it in local directory',
  },
  { name: 'push', summary: 'push a chart to remote' },
  { name: 'registry', summary: 'login to or logout from a registry' },
  { name: 'repo', summary: 'add, list, remove, update, and index chart repositories' },
  { name: 'rollback', summary: 'roll back a release to a previous revision' },
  { name: 'search', summary: 'search for a keyword in charts' },
  { name: 'show', summary: 'show information of a chart', register: registerShow },
  { name: 'status', summary: 'display the status of the named release', register: registerStatus },
  { name: 'template', summary: 'locally render templates', register: registerTemplate },
  { name: 'test', summary: 'run tests for a release' },
  { name: 'uninstall', summary: 'uninstall a release', register: registerUninstall },
  { name: 'upgrade', summary: 'upgrade a release' },
  { name: 'verify', summary: 'verify that a chart at the given path has been signed and is valid' },
  { name: 'version', summary: 'print the helm version information' },
];

export const kubectlCommands: CommandEntry[] = [
  {
    name: 'annotate',
    summary: 'Update the annotations on a resource',
    register: kubectl.registerKubectlAnnotate,
  },
  {
    name: 'api-resources',
    summary: 'Print the supported API resources on the server',
    register: kubectl.registerKubectlApiResources,
  },
  {
    name: 'api-versions',
    summary: 'Print the supported API versions on the server, in the form of "group/version"',
    register: kubectl.registerKubectlApiVersions,
  },
  {
    name: 'apply',
    summary: 'Apply a configuration to a resource by file name or stdin',
    register: kubectl.registerKubectlApply,
  },
  {
    name: 'cluster-info',
    summary: 'Display cluster information',
    register: kubectl.registerKubectlClusterInfo,
  },
  { name: 'config', summary: 'Modify kubeconfig files', register: kubectl.registerKubectlConfig },
  { name: 'events', summary: 'List events', register: kubectl.registerKubectlEvents },
  { name: 'logs', summary: 'Print the logs for a container in a pod', register: kubectl.registerKubectlLogs },
  { name: 'auth', summary: 'Inspect authorization', register: kubectl.registerKubectlAuth },
  {
    name: 'autoscale',
    summary: 'Auto-scale a deployment, replica set, stateful set, or replication controller',
    register: kubectl.registerKubectlAutoscale,
  },
  {
    name: 'create',
    summary: 'Create a resource from a file or from stdin',
    register: kubectl.registerKubectlCreate,
  },
  {
    name: 'delete',
    summary: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
    register: kubectl.registerKubectlDelete,
  },
  {
    name: 'describe',
    summary: 'Show details of a specific resource or group of resources',
    register: kubectl.registerKubectlDescribe,
  },
  {
    name: 'diff',
    summary: 'Diff the live version against a would-be applied version',
    register: kubectl.registerKubectlDiff,
  },
  { name: 'explain', summary: 'Get documentation for a resource', register: kubectl.registerKubectlExplain },
  { name: 'edit', summary: 'Edit a resource on the server', register: kubectl.registerKubectlEdit },
  {
    name: 'expose',
    summary:
      'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
    register: kubectl.registerKubectlExpose,
  },
  { name: 'get', summary: 'Display one or many resources', register: kubectl.registerKubectlGet },
  { name: 'label', summary: 'Update the labels on a resource', register: kubectl.registerKubectlLabel },
  { name: 'patch', summary: 'Update fields of a resource', register: kubectl.registerKubectlPatch },
  {
    name: 'replace',
    summary: 'Replace a resource by file name or stdin',
    register: kubectl.registerKubectlReplace,
  },
  { name: 'rollout', summary: 'Manage the rollout of a resource', register: kubectl.registerKubectlRollout },
  { name: 'run', summary: 'Run a particular image on the cluster', register: kubectl.registerKubectlRun },
  {
    name: 'scale',
    summary: 'Set a new size for a deployment, replica set, or replication controller',
    register: kubectl.registerKubectlScale,
  },
  { name: 'set', summary: 'Set specific features on objects', register: kubectl.registerKubectlSet },
  { name: 'cordon', summary: 'Mark node as unschedulable', register: kubectl.registerKubectlCordon },
  { name: 'uncordon', summary: 'Mark node as schedulable', register: kubectl.registerKubectlUncordon },
  {
    name: 'drain',
    summary: 'Drain node in preparation for maintenance',
    register: kubectl.registerKubectlDrain,
  },
  {
    name: 'taint',
    summary: 'Update the taints on one or more nodes',
    register: kubectl.registerKubectlTaint,
  },
  {
    name: 'wait',
    summary: 'Wait for a specific condition on one or many resources',
    register: kubectl.registerKubectlWait,
  },
  {
    name: 'version',
    summary: 'Print the client and server version information',
    register: kubectl.registerKubectlVersion,
  },
];
