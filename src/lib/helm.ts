/**
 * The Helm side of bosun as a library (`bosun/helm`): load charts, coalesce values, render them
 * as `helm template` does.
 */
export * from '../chart/index.ts';
export * from '../engine/index.ts';
export { runTemplate, type TemplateOptions, type TemplateResult } from '../cli/helm/template.ts';
