import { validateLine } from '@tunekit/format';

/**
 * The first problem of one training line by the same rules as the `validate` step (@tunekit/format), phrased like
 * the service ("message 2, key \"content\": …"), or undefined.
 */
export function firstLineProblem(value: unknown): string | undefined {
  const problem = validateLine(value)[0];
  if (!problem) return undefined;
  const where = [
    problem.messageIndex === undefined ? '' : `message ${problem.messageIndex + 1}`,
    problem.key === undefined ? '' : `key "${problem.key}"`,
  ].filter(Boolean);
  return where.length > 0 ? `${where.join(', ')}: ${problem.message}` : problem.message;
}
