/** Below this, two scores or points are the same (floating-point sums of points and attainments). */
export const EPSILON = 1e-9

/** `x` rounded to `digits` decimals: how scores, rates and points are stored and shown. */
export const round = (x: number, digits: number) => {
  const f = 10 ** digits
  return Math.round(x * f) / f
}
