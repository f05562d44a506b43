import { hashUnit } from '../jobs/training-curve.js';

export type Fault = 'status500' | 'status503' | 'dropped' | 'slow';

/** Of the faulty requests: 30% answer 500, 30% 503, 20% lose their connection, 20% are slow but succeed. */
const MIX: [Fault, number][] = [
  ['status500', 0.3],
  ['status503', 0.6],
  ['dropped', 0.8],
  ['slow', 1],
];

/**
 * The fault of the n-th request (counting from 1) for a seed: a pure function, so the same seed gives the same fault
 * sequence whatever the timing of the requests.
 */
export function faultFor(seed: number, failRate: number, n: number): Fault | undefined {
  if (failRate <= 0 || hashUnit(seed, 2 * n) >= failRate) return undefined;
  const pick = hashUnit(seed, 2 * n + 1);
  return MIX.find(([, upTo]) => pick < upTo)?.[0];
}
