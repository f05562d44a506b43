import type { SandboxContext } from '../context.js';
import { ApiError } from '../http/api-error.js';
import { newId, nextRequestId } from '../ids.js';
import { completeChat } from '../models/chat-completion.js';
import type { BatchRecord, FileRecord } from '../store/records.js';
import { batchClock } from './batch-clock.js';
import { readBatchInput } from './read-batch-input.js';

/**
 * Once a batch has completed, expired or been cancelled, runs its requests (those processed before a cancel or the
 * end of its window) through the sandbox models and writes the output and error files, keyed by `custom_id`; an
 * expired batch's other requests go to the error file as `batch_expired`. Runs once per batch.
 */
export async function settleBatch(ctx: SandboxContext, batch: BatchRecord): Promise<void> {
  if (batch.finishedAtMs !== null) return;
  const { status, processed } = batchClock(batch, ctx.now());
  if (status !== 'completed' && status !== 'cancelled' && status !== 'expired') return;
  const { requests } = readBatchInput(await ctx.store.contents.read(batch.inputFileId), batch.endpoint);
  const output: string[] = [];
  const errors: string[] = [];
  const usage = { input_tokens: 0, output_tokens: 0, total_tokens: 0 };
  for (const request of requests.slice(0, processed)) {
    const requestId = nextRequestId();
    try {
      const body = await completeChat(ctx, request.body);
      usage.input_tokens += body.usage.prompt_tokens;
      usage.output_tokens += body.usage.completion_tokens;
      output.push(resultLine(request.customId, { status_code: 200, request_id: requestId, body }));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      errors.push(
        resultLine(request.customId, { status_code: error.status, request_id: requestId, body: error.toBody() }),
      );
    }
  }
  if (status === 'expired') {
    for (const request of requests.slice(processed)) errors.push(expiredLine(request.customId));
  }
  usage.total_tokens = usage.input_tokens + usage.output_tokens;
  batch.counts = { completed: output.length, failed: errors.length };
  batch.usage = usage;
  batch.outputFileId = output.length > 0 ? await writeResultFile(ctx, batch, 'output', output) : null;
  batch.errorFileId = errors.length > 0 ? await writeResultFile(ctx, batch, 'error', errors) : null;
  batch.finishedAtMs = ctx.now();
  await ctx.store.save();
}

function resultLine(customId: string, response: { status_code: number; request_id: string; body: unknown }): string {
  return JSON.stringify({ id: newId.batchRequest(), custom_id: customId, response, error: null });
}

function expiredLine(customId: string): string {
  const error = {
    code: 'batch_expired',
    message: 'This request could not be executed before the completion window expired.',
  };
  return JSON.stringify({ id: newId.batchRequest(), custom_id: customId, response: null, error });
}

async function writeResultFile(
  ctx: SandboxContext,
  batch: BatchRecord,
  kind: 'output' | 'error',
  lines: string[],
): Promise<string> {
  const content = Buffer.from(`${lines.join('\n')}\n`);
  const file: FileRecord = {
    id: newId.file(),
    object: 'file',
    bytes: content.length,
    created_at: Math.floor(ctx.now() / 1000),
    filename: `${batch.id}_${kind}.jsonl`,
    purpose: 'batch_output',
    status: 'processed',
    status_details: null,
    expires_at: null,
  };
  await ctx.store.contents.put(file.id, content);
  ctx.store.files.set(file.id, file);
  return file.id;
}
