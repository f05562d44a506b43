import type { PairwiseVerdict, RubricVerdict } from '@tunekit/core';

export type Parsed<T> = { ok: true; verdict: T } | { ok: false; error: string };

/** The first balanced JSON object in a reply (judges wrap it in prose or code fences). */
function firstJsonObject(text: string): unknown {
  for (let start = text.indexOf('{'); start !== -1; start = text.indexOf('{', start + 1)) {
    let depth = 0;
    let inString = false;
    for (let i = start; i < text.length; i++) {
      const ch = text[i];
      if (inString) {
        if (ch === '\\') i++;
        else if (ch === '"') inString = false;
      } else if (ch === '"') inString = true;
      else if (ch === '{') depth++;
      else if (ch === '}' && --depth === 0) {
        try {
          return JSON.parse(text.slice(start, i + 1));
        } catch {
          break;
        }
      }
    }
  }
  return undefined;
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 120)}…` : flat;
}

/** A rubric verdict `{score 0..1, pass?, reason}`; anything else is a judge error (never a zero). */
export function parseRubricVerdict(reply: string): Parsed<RubricVerdict> {
  const value = firstJsonObject(reply) as Partial<Record<keyof RubricVerdict, unknown>> | undefined;
  if (!value || typeof value !== 'object')
    return { ok: false, error: `judge reply is not a JSON verdict: "${preview(reply)}"` };
  const { score, pass, reason } = value;
  if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 1) {
    return { ok: false, error: `judge verdict has no score in 0..1: "${preview(reply)}"` };
  }
  const verdict: RubricVerdict = {
    score,
    pass: typeof pass === 'boolean' ? pass : score >= 0.5,
    reason: typeof reason === 'string' ? reason : '',
  };
  return { ok: true, verdict };
}

/** A pairwise verdict `{winner: "A" | "B" | "tie", reason}`; anything else is a judge error. */
export function parsePairwiseVerdict(reply: string): Parsed<PairwiseVerdict> {
  const value = firstJsonObject(reply) as Partial<Record<keyof PairwiseVerdict, unknown>> | undefined;
  const winner = typeof value?.winner === 'string' ? value.winner.trim() : undefined;
  const normalized = winner === 'A' || winner === 'B' ? winner : winner?.toLowerCase() === 'tie' ? 'tie' : undefined;
  if (!normalized) return { ok: false, error: `judge reply is not a pairwise verdict: "${preview(reply)}"` };
  return { ok: true, verdict: { winner: normalized, reason: typeof value?.reason === 'string' ? value.reason : '' } };
}
