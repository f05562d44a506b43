import { truncate } from '../escape.js';
import { candidatesDisagree, rowHasError } from '../item-rows.js';
import type { ItemOutput, ItemRow } from '../report-data.js';

/** What the page script gets per item: outputs in candidate order, flags computed here. */
export interface ItemPayload {
  id: string;
  prompt: string;
  reference: string;
  disagree: boolean;
  error: boolean;
  outputs: (ItemOutput | null)[];
}

const MAX_TEXT = 8000;

function shorten(output: ItemOutput): ItemOutput {
  return { ...output, output: output.output === null ? null : truncate(output.output, MAX_TEXT) };
}

/** Reads up to `maxItems` rows into the page payload and counts the rest (the JSONL keeps them all). */
export async function collectItemPayload(
  rows: AsyncIterable<ItemRow> | Iterable<ItemRow>,
  candidates: string[],
  maxItems: number,
) {
  const payload: ItemPayload[] = [];
  let total = 0;
  for await (const row of rows) {
    total++;
    if (payload.length >= maxItems) continue;
    payload.push({
      id: row.id,
      prompt: truncate(row.prompt, MAX_TEXT),
      reference: truncate(row.reference, MAX_TEXT),
      disagree: candidatesDisagree(row),
      error: rowHasError(row),
      outputs: candidates.map((name) => {
        const output = row.outputs[name];
        return output ? shorten(output) : null;
      }),
    });
  }
  return { rows: payload, total };
}
