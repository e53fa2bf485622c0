// Replica statistics: mean, sample standard deviation, Student-t confidence intervals and paired
// differences. Replicas are few (3-30), so the t quantile matters: the normal 1.96 would understate
// a 3-replica interval by a factor of 2.2. Quantiles come from the exact t CDF (regularized
// incomplete beta) inverted by bisection, so any level and any df work, not only a table's.

/** Arithmetic mean; NaN for an empty sample. */
export function mean(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  let sum = 0;
  for (const x of xs) sum += x;
  return sum / xs.length;
}

/** Sample standard deviation (n - 1 denominator, two-pass for accuracy); NaN when n < 2. */
export function sampleStd(xs: readonly number[]): number {
  if (xs.length < 2) return NaN;
  const m = mean(xs);
  let ss = 0;
  for (const x of xs) ss += (x - m) * (x - m);
  return Math.sqrt(ss / (xs.length - 1));
}

/** P(T ≤ t) for Student's t with df degrees of freedom (df > 0, may be Infinity); ~1e-13 absolute
 *  for df ≤ 1e4, ~1e-7 beyond (ln Γ cancellation; the quantile avoids this path there). */
export function studentTCdf(t: number, df: number): number {
  if (df === Infinity) return normalCdf(t);
  const x = df / (df + t * t);
  const tail = 0.5 * regularizedBeta(x, df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** The p-quantile of Student's t (0 < p < 1), accurate to ~1e-10 relative for every df. */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`quantile level must be in (0, 1), got ${p}`);
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be > 0, got ${df}`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  if (df === 1) return Math.tan(Math.PI * (p - 0.5));
  if (df === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  if (df === Infinity) return normalQuantile(p);
  if (df > 1e4) return cornishFisherT(normalQuantile(p), df);
  // Bracket then bisect: the CDF is monotone, and 200 halvings reach machine precision.
  let lo = 0;
  let hi = 2;
  while (studentTCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-14 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export interface Interval {
  low: number;
  high: number;
  halfWidth: number;
}

/** Two-sided Student-t interval for the mean; null when n < 2 (no spread to estimate). */
export function confidenceInterval(xs: readonly number[], level = 0.95): Interval | null {
  if (xs.length < 2) return null;
  const m = mean(xs);
  const halfWidth = (studentTQuantile(1 - (1 - level) / 2, xs.length - 1) * sampleStd(xs)) / Math.sqrt(xs.length);
  return { low: m - halfWidth, high: m + halfWidth, halfWidth };
}

/** A sample described for the summary; null marks what n does not allow (std and CI need n ≥ 2). */
export interface SampleSummary {
  n: number;
  mean: number | null;
  std: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

export function describeSample(xs: readonly number[], level = 0.95): SampleSummary {
  const ci = confidenceInterval(xs, level);
  return {
    n: xs.length,
    mean: xs.length > 0 ? mean(xs) : null,
    std: xs.length > 1 ? sampleStd(xs) : null,
    ciLow: ci ? ci.low : null,
    ciHigh: ci ? ci.high : null,
  };
}

/** Per-pair differences a[i] - b[i] (pairs = replicas sharing random numbers). */
export function pairedDifferences(a: readonly number[], b: readonly number[]): number[] {
  if (a.length !== b.length) throw new RangeError(`paired samples differ in length: ${a.length} vs ${b.length}`);
  return a.map((x, i) => x - b[i]!);
}

// --- special functions --------------------------------------------------------------------------

/** ln Γ(x) for x > 0 (Numerical Recipes 3rd ed. gammln, g = 671/128, 14 terms: ~1e-15 relative). */
function lnGamma(x: number): number {
  const cof = [
    57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199, 0.339946499848118887e-4,
    0.465236289270485756e-4, -0.983744753048795646e-4, 0.158088703224912494e-3, -0.210264441724104883e-3,
    0.217439618115212643e-3, -0.164318106536763890e-3, 0.844182239838527433e-4, -0.261908384015814087e-4,
    0.368991826595316234e-5,
  ];
  let y = x;
  const tmp = x + 5.2421875;
  let ser = 0.999999999999997092;
  for (const c of cof) ser += c / ++y;
  return (x + 0.5) * Math.log(tmp) - tmp + Math.log((2.5066282746310005 * ser) / x);
}

/** Regularized incomplete beta I_x(a, b) (continued fraction, Numerical Recipes §6.4). */
function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The fraction converges fast only below the mean; use the symmetry I_x(a,b) = 1 - I_{1-x}(b,a).
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(x, a, b)) / a;
  return 1 - (front * betaFraction(1 - x, b, a)) / b;
}

function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 100_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-15) break;
  }
  return h;
}

/** Standard normal CDF via erfc (series below 3, continued fraction above: ~1e-15). */
function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

function erfc(x: number): number {
  if (x < 0) return 2 - erfc(-x);
  if (x < 3) {
    // Series for erf: converges quickly for small x.
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= (-x * x) / n;
      const next = term / (2 * n + 1);
      sum += next;
      if (Math.abs(next) < 1e-17 * Math.abs(sum)) break;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  // Continued fraction (Lentz) for large x, where the series cancels badly.
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 200; n++) {
    const an = n / 2;
    d = x + an * d;
    d = 1 / d;
    c = x + an / c;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (f * Math.sqrt(Math.PI));
}

/**
 * t quantile from the normal one for large df (Abramowitz & Stegun 26.7.5): the error is O(df^-5),
 * far below double precision for df > 1e4, where the incomplete-beta route loses digits to
 * cancellation between huge ln Γ values.
 */
function cornishFisherT(z: number, df: number): number {
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4;
}

/** Inverse of normalCdf by bisection (monotone; 200 halvings reach machine precision). */
function normalQuantile(p: number): number {
  let lo = -40;
  let hi = 40;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
