import type { ServerResponse } from 'node:http';
import type { SandboxContext } from '../context.js';
import { ApiError } from '../http/api-error.js';
import { readJsonObject, sendJson } from '../http/http-io.js';
import type { Route } from '../http/router.js';
import { assertQuota } from '../limits/quota.js';
import { createRateLimiter } from '../limits/rate-limiter.js';
import { type ChatCompletion, completeChat, promptTokens, readChatRequest } from '../models/chat-completion.js';

const MINUTE_MS = 60_000;

export function chatRoutes(ctx: SandboxContext): Route[] {
  const { rpm, tpm, timeScale } = ctx.options;
  const limiter = rpm > 0 || tpm > 0 ? createRateLimiter(rpm, tpm, MINUTE_MS * timeScale) : undefined;
  return [
    {
      method: 'POST',
      pattern: '/v1/chat/completions',
      handler: async ({ req, res }) => {
        const body = await readJsonObject(req);
        readChatRequest(body);
        assertQuota(ctx);
        let headers: Record<string, string> | undefined;
        if (limiter) {
          const now = ctx.now();
          const taken = limiter.take(await promptTokens(body), now);
          if (!taken.allowed) throw rateLimited(ctx, taken.limit, taken.retryAfterMs, limiter.headers(now), body.model);
        }
        const completion = await completeChat(ctx, body);
        if (limiter) {
          limiter.addTokens(completion.usage.completion_tokens, ctx.now());
          headers = limiter.headers(ctx.now());
        }
        ctx.stats.chatCompletions += 1;
        if (body.stream === true)
          sendStream(
            res,
            completion,
            isObject(body.stream_options) && body.stream_options.include_usage === true,
            headers,
          );
        else sendJson(res, 200, completion, headers);
      },
    },
  ];
}

function rateLimited(
  ctx: SandboxContext,
  limit: 'requests' | 'tokens',
  retryAfterMs: number,
  headers: Record<string, string>,
  model: unknown,
): ApiError {
  ctx.stats.rateLimited += 1;
  const wait = Math.max(1, Math.ceil(retryAfterMs));
  const per = limit === 'requests' ? 'requests per min (RPM)' : 'tokens per min (TPM)';
  const configured = limit === 'requests' ? ctx.options.rpm : ctx.options.tpm;
  return new ApiError(
    429,
    `Rate limit reached for ${String(model)} in organization org-${ctx.options.org} on ${per}: Limit ${configured}. Please try again in ${wait}ms.`,
    limit,
    'rate_limit_exceeded',
    null,
    { ...headers, 'retry-after': String(Math.ceil(wait / 1000)), 'retry-after-ms': String(wait) },
  );
}

/** Server-sent events like the service: one role chunk, content chunks of a few words, a final chunk, `[DONE]`. */
function sendStream(
  res: ServerResponse,
  completion: ChatCompletion,
  includeUsage: boolean,
  headers?: Record<string, string>,
): void {
  res.statusCode = 200;
  res.setHeader('content-type', 'text/event-stream');
  if (headers) for (const name in headers) res.setHeader(name, headers[name]!);
  const choice = completion.choices[0]!;
  const base = {
    id: completion.id,
    object: 'chat.completion.chunk',
    created: completion.created,
    model: completion.model,
    system_fingerprint: completion.system_fingerprint,
  };
  const chunk = (delta: Record<string, unknown>, finishReason: string | null, usage?: unknown) =>
    `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }], ...(usage ? { usage } : {}) })}\n\n`;
  let out = chunk({ role: 'assistant', content: '', refusal: null }, null);
  for (const piece of choice.message.content.match(/\S+\s*|\s+/g) ?? []) out += chunk({ content: piece }, null);
  out += chunk({}, choice.finish_reason);
  if (includeUsage) out += `data: ${JSON.stringify({ ...base, choices: [], usage: completion.usage })}\n\n`;
  out += 'data: [DONE]\n\n';
  res.end(out);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
