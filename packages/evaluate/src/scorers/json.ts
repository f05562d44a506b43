import { TunekitError } from '@tunekit/core';
import { Ajv } from 'ajv';
import { passFail, pointScorer } from './point-scorer.js';
import type { PointScorer } from './types.js';

const FENCE = /^```[a-zA-Z]*\s*\n([\s\S]*?)\n?```$/;

/** Parses the output as JSON; a single Markdown code fence around it is accepted (models add them). */
export function parseJsonOutput(output: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const trimmed = output.trim();
  const body = FENCE.exec(trimmed)?.[1] ?? trimmed;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

export function createJsonScorer(name: string): PointScorer {
  return pointScorer(name, 'output is valid JSON', true, (_item, output) => {
    const parsed = parseJsonOutput(output);
    return parsed.ok ? passFail(true) : passFail(false, `invalid JSON: ${parsed.error}`);
  });
}

export function createJsonSchemaScorer(name: string, schema: Record<string, unknown>): PointScorer {
  const ajv = new Ajv({ allErrors: true, strict: false });
  let validate: ReturnType<Ajv['compile']>;
  try {
    validate = ajv.compile(schema);
  } catch (error) {
    throw new TunekitError('CONFIG_INVALID', `scorer "${name}": invalid JSON Schema: ${(error as Error).message}`, {
      context: { field: 'evaluate.scorers.json_schema' },
    });
  }
  return pointScorer(name, 'output is JSON valid against the schema', true, (_item, output) => {
    const parsed = parseJsonOutput(output);
    if (!parsed.ok) return passFail(false, `invalid JSON: ${parsed.error}`);
    if (validate(parsed.value)) return passFail(true);
    return passFail(false, ajv.errorsText(validate.errors, { separator: '; ' }));
  });
}
