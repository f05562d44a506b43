import { setTimeout as sleep } from 'node:timers/promises';
import { isTerminalTrainerStatus, type TrainerControl, type TrainerEvent, withScopedSignal } from '@tunekit/core';
import type OpenAI from 'openai';
import type { FineTuningJob, FineTuningJobEvent } from './api-types.js';
import { mapJobStatus } from './job-status.js';
import { persist } from './retry.js';

const EVENT_PAGE = 100;
const MAX_PAGES_PER_POLL = 20;

/**
 * Events the watcher has not seen yet, oldest first. The API lists newest first and pages backwards with `after`,
 * so a poll reads pages until it meets an event it already has (on the first poll, only the newest page).
 */
async function unseenEvents(
  client: OpenAI,
  jobId: string,
  seen: Set<string>,
  signal: AbortSignal,
): Promise<FineTuningJobEvent[]> {
  const fresh: FineTuningJobEvent[] = [];
  let page = await client.fineTuning.jobs.listEvents(jobId, { limit: EVENT_PAGE }, { signal });
  for (let pages = 1; ; pages++) {
    const unseen = page.data.filter((event) => !seen.has(event.id));
    fresh.push(...unseen);
    const reachedKnown = unseen.length < page.data.length;
    if (reachedKnown || seen.size === 0 || !page.hasNextPage() || pages >= MAX_PAGES_PER_POLL) break;
    page = await page.getNextPage();
  }
  for (const event of fresh) seen.add(event.id);
  // Newest first within pages, whole seconds in `created_at`: reverse, then a stable sort keeps ties in order.
  return fresh.reverse().sort((a, b) => a.created_at - b.created_at);
}

function toTrainerEvent(event: FineTuningJobEvent, job: FineTuningJob): TrainerEvent {
  const data = (event.data ?? {}) as Record<string, unknown>;
  if (event.type === 'metrics' && typeof data.step === 'number') {
    const number = (key: string) => (typeof data[key] === 'number' ? (data[key] as number) : undefined);
    const eta = job.estimated_finish ? Math.max(0, job.estimated_finish - Date.now() / 1000) : undefined;
    return {
      type: 'metric',
      step: data.step,
      totalSteps: number('total_steps'),
      trainLoss: number('train_loss'),
      validLoss: number('valid_loss') ?? number('full_valid_loss'),
      tokenAccuracy: number('train_mean_token_accuracy'),
      etaSeconds: eta,
    };
  }
  return { type: 'log', level: event.level, message: event.message };
}

export function failureText(job: FineTuningJob): string | undefined {
  const error = job.error;
  if (!error?.message) return undefined;
  return `${error.code ?? 'error'}: ${error.message}${error.param ? ` (param ${error.param})` : ''}`;
}

/** Polls the job and its events until it is succeeded, failed or cancelled; transient errors never lose the job. */
export async function* watchJob(
  client: OpenAI,
  jobId: string,
  rt: TrainerControl,
  pollMs: number,
): AsyncGenerator<TrainerEvent> {
  const seen = new Set<string>();
  let lastStatus: string | undefined;
  while (!rt.signal.aborted) {
    const { job, events } = await withScopedSignal(rt.signal, async (signal) => {
      const retry = { signal, logger: rt.logger };
      const job = await persist(() => client.fineTuning.jobs.retrieve(jobId, { signal }), {
        ...retry,
        what: `reading ${jobId}`,
      });
      const events = await persist(() => unseenEvents(client, jobId, seen, signal), {
        ...retry,
        what: `reading events of ${jobId}`,
      });
      return { job, events };
    });
    for (const event of events) yield toTrainerEvent(event, job);
    const status = mapJobStatus(job.status);
    if (job.status !== lastStatus) {
      lastStatus = job.status;
      yield {
        type: 'status',
        status,
        rawStatus: job.status,
        jobId,
        message: status === 'failed' ? failureText(job) : undefined,
      };
    }
    if (isTerminalTrainerStatus(status)) return;
    try {
      await sleep(pollMs, undefined, { signal: rt.signal });
    } catch {
      return;
    }
  }
}
