import { dateCases } from './cases-dates.ts';
import { dictCases } from './cases-dicts.ts';
import { listCases } from './cases-lists.ts';
import { regexCases, semverCases } from './cases-regex-semver.ts';
import type { Case } from './harness.ts';

export const allCases: Record<string, Case[]> = {
  lists: listCases,
  dicts: dictCases,
  regex: regexCases,
  semver: semverCases,
  dates: dateCases,
};
