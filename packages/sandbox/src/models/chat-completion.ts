import type { SandboxContext } from '../context.js';
import { badRequest } from '../http/api-error.js';
import { newId } from '../ids.js';
import { answerAsBaseModel } from './answer-base.js';
import { fineTunedIndex } from './fine-tuned-models.js';
import { isJudgeRequest, judgeVerdict } from './judge.js';
import { type ChatMessage, toChatMessages } from './message-text.js';
import { modelTokens } from './model-tokens.js';
import { truncateToTokens } from './truncate.js';

export const SYSTEM_FINGERPRINT = 'tunekit-sandbox';

export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: {
    index: number;
    message: { role: 'assistant'; content: string; refusal: null };
    logprobs: null;
    finish_reason: 'stop' | 'length';
  }[];
  usage: ChatUsage;
  system_fingerprint: string;
  service_tier: 'default';
}

/** Checks the request shape the service insists on; returns the parsed messages. */
export function readChatRequest(body: Record<string, unknown>): { model: string; messages: ChatMessage[] } {
  if (typeof body.model !== 'string' || body.model === '')
    throw badRequest('you must provide a model parameter', 'model');
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    throw badRequest("Invalid 'messages': empty array. Expected an array with minimum length 1.", 'messages');
  }
  return { model: body.model, messages: toChatMessages(body.messages) };
}

/** Prompt tokens by the chat formula, with the model's tokenizer; used by the rate limiter before answering. */
export async function promptTokens(body: Record<string, unknown>): Promise<number> {
  const tokens = await modelTokens(String(body.model));
  return tokens.countExample({ messages: body.messages }).total;
}

/** The deterministic answer to a chat completion request (see the package README). */
export async function completeChat(ctx: SandboxContext, body: Record<string, unknown>): Promise<ChatCompletion> {
  const { model, messages } = readChatRequest(body);
  let content: string;
  if (isJudgeRequest(messages)) content = JSON.stringify(judgeVerdict(messages));
  else if (model.startsWith('ft:')) content = (await fineTunedIndex(ctx, model)).answer(lastUser(messages));
  else content = answerAsBaseModel(messages);

  const tokens = await modelTokens(model);
  const limit = body.max_completion_tokens ?? body.max_tokens;
  let finishReason: 'stop' | 'length' = 'stop';
  let completionTokens = tokens.count(content);
  if (typeof limit === 'number' && completionTokens > limit) {
    content = truncateToTokens(content, limit, tokens.count);
    completionTokens = tokens.count(content);
    finishReason = 'length';
  }
  const promptTokenCount = tokens.countExample({ messages: body.messages }).total;
  const n = typeof body.n === 'number' && body.n > 1 ? Math.min(128, Math.floor(body.n)) : 1;
  const choices = Array.from({ length: n }, (_, index) => ({
    index,
    message: { role: 'assistant' as const, content, refusal: null },
    logprobs: null,
    finish_reason: finishReason,
  }));
  return {
    id: newId.completion(),
    object: 'chat.completion',
    created: Math.floor(ctx.now() / 1000),
    model,
    choices,
    usage: {
      prompt_tokens: promptTokenCount,
      completion_tokens: completionTokens * n,
      total_tokens: promptTokenCount + completionTokens * n,
    },
    system_fingerprint: SYSTEM_FINGERPRINT,
    service_tier: 'default',
  };
}

function lastUser(messages: ChatMessage[]): string {
  return messages.findLast((message) => message.role === 'user')?.content ?? '';
}
