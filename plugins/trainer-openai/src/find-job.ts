import type { TrainerControl } from '@tunekit/core';
import type OpenAI from 'openai';
import type { FineTuningJob } from './api-types.js';
import { jobMatches, METADATA_JOB_KEY } from './job-spec.js';
import { type PersistOptions, persist } from './retry.js';

/** How many jobs to look through when the server ignores the metadata filter. */
const SCAN_LIMIT = 2000;

/**
 * A live or finished-successfully job created earlier for the same key (found through its metadata). Failed and
 * cancelled jobs are ignored: without a state file, a rerun after a failure launches again. `retry` bounds the
 * attempts (unbounded by default: after a lost create request, only finding the job may decide what to do).
 */
export async function findJobByKey(
  client: OpenAI,
  jobKey: string,
  rt: TrainerControl,
  retry: Pick<PersistOptions, 'attempts' | 'baseDelayMs'> = {},
): Promise<FineTuningJob | undefined> {
  return persist(
    async (signal) => {
      let scanned = 0;
      for await (const job of client.fineTuning.jobs.list(
        { metadata: { [METADATA_JOB_KEY]: jobKey }, limit: 100 },
        { signal },
      )) {
        if (jobMatches(job, jobKey) && job.status !== 'failed' && job.status !== 'cancelled') return job;
        if (++scanned >= SCAN_LIMIT) break;
      }
      return undefined;
    },
    { signal: rt.signal, logger: rt.logger, what: 'looking for a job launched earlier', ...retry },
  );
}
