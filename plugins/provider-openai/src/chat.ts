import type { ChatRequest, ChatResponse } from '@tunekit/core';
import type OpenAI from 'openai';
import type { ChatCompletion } from 'openai/resources/chat/completions';
import { classifyError } from './classify-error.js';
import type { EndpointInfo } from './client.js';

/** Maps a chat completion body to the contract's response (shared by live calls and batch results). */
export function toChatResponse(body: ChatCompletion, latencyMs: number, requestId?: string): ChatResponse {
  const choice = body.choices?.[0];
  const usage = body.usage;
  const content = choice?.message?.content;
  return {
    text: typeof content === 'string' ? content : '',
    finishReason: choice?.finish_reason ?? undefined,
    usage: usage
      ? {
          promptTokens: usage.prompt_tokens ?? 0,
          completionTokens: usage.completion_tokens ?? 0,
          cachedTokens: usage.prompt_tokens_details?.cached_tokens ?? undefined,
        }
      : undefined,
    latencyMs,
    requestId: requestId ?? undefined,
    systemFingerprint: body.system_fingerprint ?? undefined,
  };
}

export async function chatCompletion(
  client: OpenAI,
  target: EndpointInfo,
  request: ChatRequest,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<ChatResponse> {
  const started = performance.now();
  try {
    const body = { ...request, stream: false } as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming;
    const { data, request_id } = await client.chat.completions
      .create(body, {
        signal: options.signal,
        maxRetries: 0,
        ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
      })
      .withResponse();
    return toChatResponse(data, performance.now() - started, request_id ?? undefined);
  } catch (error) {
    throw classifyError(error, target, request.model);
  }
}
