import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { BatchApi, BatchCallOptions, BatchRequest, BatchResult, BatchState, BatchStatus } from '@tunekit/core';
import type OpenAI from 'openai';
import { toFile } from 'openai';
import type { Batch } from 'openai/resources/batches';
import type { ChatCompletion } from 'openai/resources/chat/completions';
import { type BatchRequestOptions, batchKey, findBatch, METADATA_BATCH_KEY } from './batch-key.js';
import { toChatResponse } from './chat.js';
import { classifyError } from './classify-error.js';
import type { EndpointInfo } from './client.js';

const CHAT_URL = '/v1/chat/completions';
/** A Batch API request's own timeout when the caller names none: the SDK's default, never the provider's chat one. */
export const BATCH_REQUEST_TIMEOUT_MS = 600_000;

/** The SDK's options of one Batch API request. */
export function batchRequestOptions(options: BatchCallOptions): BatchRequestOptions {
  return { signal: options.signal, timeout: options.timeoutMs ?? BATCH_REQUEST_TIMEOUT_MS };
}

function toState(batch: Batch): BatchState {
  const counts = batch.request_counts;
  const errors = batch.errors?.data?.map(
    (error) => `${error.code ?? 'error'}: ${error.message ?? ''}${error.line ? ` (line ${error.line})` : ''}`,
  );
  return {
    id: batch.id,
    status: batch.status as BatchStatus,
    counts: counts ? { total: counts.total, completed: counts.completed, failed: counts.failed } : undefined,
    ...(errors?.length ? { errors } : {}),
  };
}

interface OutputLine {
  custom_id?: string;
  response?: { status_code?: number; request_id?: string; body?: unknown } | null;
  error?: { code?: string; message?: string } | null;
}

function toResult(line: OutputLine): BatchResult | undefined {
  if (typeof line.custom_id !== 'string') return undefined;
  const { response, error } = line;
  if (error) return { customId: line.custom_id, error: `${error.code ?? 'error'}: ${error.message ?? ''}`.trim() };
  if (!response || (response.status_code ?? 200) >= 400) {
    const body = response?.body as { error?: { message?: string } } | undefined;
    return {
      customId: line.custom_id,
      error: `HTTP ${response?.status_code ?? '?'}: ${body?.error?.message ?? 'no response'}`,
    };
  }
  return {
    customId: line.custom_id,
    response: toChatResponse(response.body as ChatCompletion, 0, response.request_id),
  };
}

async function* readJsonLines(
  client: OpenAI,
  fileId: string,
  request: BatchRequestOptions,
): AsyncGenerator<OutputLine> {
  const content = await client.files.content(fileId, request);
  if (!content.body) return;
  const lines = createInterface({
    input: Readable.fromWeb(content.body as import('node:stream/web').ReadableStream),
    crlfDelay: Infinity,
  });
  for await (const text of lines) {
    if (text.trim() === '') continue;
    try {
      yield JSON.parse(text) as OutputLine;
    } catch {
      // A line the service garbled cannot be matched to a custom_id; its item stays uncollected and is asked live.
    }
  }
}

/**
 * OpenAI's Batch API: one uploaded JSONL file of chat requests, results matched back by `custom_id`. Submitting the
 * same requests again returns the batch already running or completed for them (found by `tunekit_batch` metadata);
 * with `fresh`, only one still running.
 */
export function createBatchApi(client: OpenAI, target: EndpointInfo): BatchApi {
  return {
    async submit(requests: BatchRequest[], options = {}) {
      try {
        const body = requests
          .map((r) => JSON.stringify({ custom_id: r.customId, method: 'POST', url: CHAT_URL, body: r.request }))
          .join('\n');
        const key = batchKey(body);
        const request = batchRequestOptions(options);
        const earlier = await findBatch(client, key, { request, runningOnly: options.fresh });
        if (earlier) return toState(earlier);
        const file = await client.files.create(
          { file: await toFile(Buffer.from(`${body}\n`), 'tunekit-batch.jsonl'), purpose: 'batch' },
          request,
        );
        const metadata = { ...options.metadata, [METADATA_BATCH_KEY]: key };
        const batch = await client.batches.create(
          { input_file_id: file.id, endpoint: CHAT_URL, completion_window: '24h', metadata },
          request,
        );
        return toState(batch);
      } catch (error) {
        throw classifyError(error, target, 'batch');
      }
    },
    async status(batchId, options = {}) {
      try {
        return toState(await client.batches.retrieve(batchId, batchRequestOptions(options)));
      } catch (error) {
        throw classifyError(error, target, 'batch');
      }
    },
    async *collect(batchId, options = {}) {
      try {
        const request = batchRequestOptions(options);
        const batch = await client.batches.retrieve(batchId, request);
        for (const fileId of [batch.output_file_id, batch.error_file_id]) {
          if (!fileId) continue;
          for await (const line of readJsonLines(client, fileId, request)) {
            const result = toResult(line);
            if (result) yield result;
          }
        }
      } catch (error) {
        throw classifyError(error, target, 'batch');
      }
    },
  };
}
