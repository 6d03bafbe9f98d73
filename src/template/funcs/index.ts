/**
 * The function map Helm 4 gives templates: Go's builtins, Sprig's (minus what Helm removes:
 * env, expandenv), and Helm's own, in that order of precedence (later wins, as Helm overrides
 * Sprig's toYaml/toJson family with its own).
 */
import { builtinFuncs } from './builtins.ts';
import { helmOnlyFuncs } from './helm.ts';
import { serializationFuncs } from './serialization.ts';
import { conversionFuncs } from './sprig/conversion.ts';
import { cryptoFuncs } from './sprig/crypto.ts';
import { dateFuncs } from './sprig/dates.ts';
import { defaultFuncs } from './sprig/defaults.ts';
import { dictFuncs } from './sprig/dicts.ts';
import { encodingFuncs } from './sprig/encoding.ts';
import { listFuncs } from './sprig/lists.ts';
import { mathFuncs } from './sprig/math.ts';
import { networkFuncs } from './sprig/network.ts';
import { pathFuncs } from './sprig/paths.ts';
import { randomFuncs } from './sprig/random.ts';
import { reflectionFuncs } from './sprig/reflection.ts';
import { regexFuncs } from './sprig/regex.ts';
import { semverFuncs } from './sprig/semver.ts';
import { stringFuncs } from './sprig/strings.ts';
import { urlFuncs } from './sprig/url.ts';
import type { FuncMap } from './types.ts';

/** Sprig's function map as Helm uses it (without env/expandenv). */
export const sprigFuncs: FuncMap = {
  ...stringFuncs,
  ...mathFuncs,
  ...defaultFuncs,
  ...conversionFuncs,
  ...reflectionFuncs,
  ...encodingFuncs,
  ...pathFuncs,
  ...urlFuncs,
  ...listFuncs,
  ...dictFuncs,
  ...semverFuncs,
  ...regexFuncs,
  ...dateFuncs,
  ...cryptoFuncs,
  ...randomFuncs,
  ...networkFuncs,
};

export { builtinFuncs, helmOnlyFuncs, serializationFuncs };
