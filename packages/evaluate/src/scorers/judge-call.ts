import type { ChatMessage, Provider } from '@tunekit/core';
import { stopsTheRun } from '../runner/failure.js';

/** One judge request at temperature 0. Provider failures become a judge error; an abort or a user error propagates. */
export async function askJudge(
  provider: Provider,
  model: string,
  messages: ChatMessage[],
  signal: AbortSignal | undefined,
): Promise<{ ok: true; text: string } | { ok: false; error: string }> {
  try {
    const response = await provider.chat(
      { model, messages, temperature: 0, max_tokens: 512 },
      signal ? { signal } : {},
    );
    return { ok: true, text: response.text };
  } catch (error) {
    if (stopsTheRun(error, signal)) throw error;
    return { ok: false, error: `judge request failed: ${(error as Error).message ?? String(error)}` };
  }
}
