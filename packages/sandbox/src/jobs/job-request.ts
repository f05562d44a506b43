import { badRequest } from '../http/api-error.js';
import type { JobRecord } from '../store/records.js';

const RANGES: Record<string, [number, number, boolean]> = {
  n_epochs: [1, 50, true],
  batch_size: [1, 256, true],
  learning_rate_multiplier: [Number.MIN_VALUE, 1_000, false],
  beta: [Number.MIN_VALUE, 2, false],
};

/** The fields of a job creation request; the service refuses any other. */
const REQUEST_FIELDS = new Set([
  'model',
  'training_file',
  'validation_file',
  'suffix',
  'seed',
  'method',
  'hyperparameters',
  'integrations',
  'metadata',
]);

/** The hyperparameters each method takes (reference/openai-fine-tuning.md §5). */
const METHOD_HYPERPARAMETERS: Record<string, string[]> = {
  supervised: ['n_epochs', 'batch_size', 'learning_rate_multiplier'],
  dpo: ['n_epochs', 'batch_size', 'learning_rate_multiplier', 'beta'],
  reinforcement: [
    'n_epochs',
    'batch_size',
    'learning_rate_multiplier',
    'reasoning_effort',
    'compute_multiplier',
    'eval_interval',
    'eval_samples',
  ],
};

/** The service's 400 for a request field it does not know. */
export function assertKnownFields(body: Record<string, unknown>): void {
  const unknown = Object.keys(body).find((key) => !REQUEST_FIELDS.has(key));
  if (unknown !== undefined) throw badRequest(`Unrecognized request argument supplied: ${unknown}`, unknown);
}

/** `method.<type>.hyperparameters` or the deprecated top-level `hyperparameters`, checked against the service's ranges. */
export function readHyperparameters(body: Record<string, unknown>): {
  method: JobRecord['method'];
  hyperparameters: Record<string, unknown>;
} {
  const method = isObject(body.method) ? body.method : { type: 'supervised' };
  const type = typeof method.type === 'string' ? method.type : 'supervised';
  if (!['supervised', 'dpo', 'reinforcement'].includes(type)) {
    throw badRequest(
      `Invalid 'method.type': expected 'supervised', 'dpo' or 'reinforcement', got '${type}'.`,
      'method.type',
    );
  }
  const inner = isObject(method[type]) ? method[type] : {};
  const hyperparameters = {
    ...(isObject(body.hyperparameters) ? body.hyperparameters : {}),
    ...(isObject(inner.hyperparameters) ? inner.hyperparameters : {}),
  };
  for (const [name, value] of Object.entries(hyperparameters)) {
    if (!METHOD_HYPERPARAMETERS[type]!.includes(name)) {
      throw badRequest(
        `Invalid hyperparameter '${name}' for method '${type}': expected one of ${METHOD_HYPERPARAMETERS[type]!.join(', ')}.`,
        `method.${type}.hyperparameters.${name}`,
      );
    }
    const range = RANGES[name];
    if (!range || value === 'auto') continue;
    const [min, max, integer] = range;
    if (typeof value !== 'number' || value < min || value > max || (integer && !Number.isInteger(value))) {
      throw badRequest(
        `Invalid 'hyperparameters.${name}': expected 'auto' or a number in [${min}, ${max}].`,
        `hyperparameters.${name}`,
      );
    }
  }
  return { method: { ...method, type }, hyperparameters };
}

/** Up to 16 string pairs; keys ≤ 64 characters, values ≤ 512. */
export function readMetadata(value: unknown): Record<string, string> | null {
  if (value === undefined || value === null) return null;
  if (!isObject(value)) throw badRequest("Invalid 'metadata': expected an object.", 'metadata');
  const entries = Object.entries(value);
  if (entries.length > 16) throw badRequest("Invalid 'metadata': at most 16 pairs.", 'metadata');
  for (const [key, item] of entries) {
    if (key.length > 64 || typeof item !== 'string' || item.length > 512) {
      throw badRequest(`Invalid 'metadata.${key}': keys up to 64 characters, string values up to 512.`, 'metadata');
    }
  }
  return value as Record<string, string>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
