/** P(X ≤ k) for X ~ Binomial(n, 1/2), summed in log space so large n does not underflow. */
export function binomialHalfCdf(k: number, n: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  let logPmf = -n * Math.LN2;
  let logSum = logPmf;
  for (let i = 0; i < k; i++) {
    logPmf += Math.log((n - i) / (i + 1));
    const high = Math.max(logSum, logPmf);
    logSum = high + Math.log(Math.exp(logSum - high) + Math.exp(logPmf - high));
  }
  return Math.min(1, Math.exp(logSum));
}
