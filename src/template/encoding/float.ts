/**
 * The few strconv float formats the codecs need (the template room's fmt.ts owns the general
 * printf machinery; these are kept here so the codecs stay independent of it).
 */

/** Shortest decimal digits and decimal exponent of a finite non-zero |x|: x = 0.d1d2... * 10^dp. */
function shortestDigits(x: number, bitSize: 32 | 64): { digits: string; dp: number } {
  let exp: string;
  if (bitSize === 64) {
    exp = Math.abs(x).toExponential();
  } else {
    // float32: the fewest significant digits that still round back to the same float32
    const target = Math.fround(Math.abs(x));
    exp = target.toExponential(8);
    for (let p = 1; p <= 9; p++) {
      const candidate = target.toExponential(p - 1);
      if (Math.fround(Number(candidate)) === target) {
        exp = candidate;
        break;
      }
    }
  }
  const [mant, e] = exp.split('e') as [string, string];
  const digits = mant.replace('.', '').replace(/0+$/, '') || '0';
  return { digits, dp: Number(e) + 1 };
}

/** strconv.FormatFloat(x, 'g', -1, bitSize), Go's `%v` for floats. */
export function formatFloatG(x: number, bitSize: 32 | 64 = 64): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  if (x === 0) return `${sign}0`;
  const { digits, dp } = shortestDigits(x, bitSize);
  const exp = dp - 1;
  // shortest %g decides with precision 6: exponent form below 1e-4 and from 1e6 up (1e+06)
  if (exp < -4 || exp >= 6) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const ae = Math.abs(exp);
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${ae < 10 ? '0' : ''}${ae}`;
  }
  if (dp <= 0) return `${sign}0.${'0'.repeat(-dp)}${digits}`;
  if (dp >= digits.length) return `${sign}${digits}${'0'.repeat(dp - digits.length)}`;
  return `${sign}${digits.slice(0, dp)}.${digits.slice(dp)}`;
}
