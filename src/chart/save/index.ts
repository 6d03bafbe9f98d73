/**
 * Writing charts: archives laid out byte for byte as Helm's chartutil.Save writes them, unpacked
 * chart directories (SaveDir), Chart.yaml / Chart.lock serialisation, and the package action.
 */

export {
  chartfileYaml,
  decodeLock,
  dependencyJson,
  type Lock,
  lockYaml,
  marshalJson,
  marshalYaml,
  metadataShape,
  nowRfc3339,
} from './chartfile.ts';
export { gzipHelm } from './gzip.ts';
export { type ModTimes, modTimesFromDir } from './modtimes.ts';
export { checkDependencies, loadChartDir, Package } from './package.ts';
export { archiveBytes, archiveEntries, type SaveOptions, saveArchive, saveDir } from './save.ts';
export { type TarFile, writeTar } from './tar.ts';
