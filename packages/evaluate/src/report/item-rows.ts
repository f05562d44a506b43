import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { TunekitError } from '@tunekit/core';
import type { ItemRow } from './report-data.js';
import { describeIssue, fieldPath, itemRowSchema } from './report-schema.js';

/** Streams the per-item JSONL written by the engine, one `ItemRow` per line. */
export async function* readItemRows(file: string): AsyncGenerator<ItemRow> {
  const lines = createInterface({
    input: createReadStream(file, { encoding: 'utf8' }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    let row: unknown;
    try {
      row = JSON.parse(text);
    } catch (error) {
      throw new TunekitError('RUN_FOLDER_INVALID', `per-item results line is not JSON: ${(error as Error).message}`, {
        context: { file, line },
      });
    }
    const checked = itemRowSchema.safeParse(row);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      throw new TunekitError('RUN_FOLDER_INVALID', `damaged per-item result: ${describeIssue(issue, row)}`, {
        context: { file, line, field: fieldPath(issue.path) },
      });
    }
    yield checked.data as ItemRow;
  }
}

/** True when the candidates disagree on the item: pass/fail differs, or scores spread by more than 0.25. */
export function candidatesDisagree(row: ItemRow): boolean {
  const outputs = Object.values(row.outputs);
  if (outputs.length < 2) return false;
  const scorers = new Set(outputs.flatMap((o) => Object.keys(o.scores)));
  for (const scorer of scorers) {
    const scores = outputs.map((o) => o.scores[scorer]).filter((s) => s && s.score !== null && !s.error);
    if (scores.length < 2) continue;
    if (new Set(scores.map((s) => s!.pass)).size > 1) return true;
    const values = scores.map((s) => s!.score as number);
    if (Math.max(...values) - Math.min(...values) > 0.25) return true;
  }
  return false;
}

/** True when any candidate failed to generate or any scorer could not decide. */
export function rowHasError(row: ItemRow): boolean {
  return Object.values(row.outputs).some(
    (o) => Boolean(o.error) || Object.values(o.scores).some((s) => Boolean(s.error)),
  );
}
