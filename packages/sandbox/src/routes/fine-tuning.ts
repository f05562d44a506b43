import type { SandboxContext } from '../context.js';
import { ApiError, badRequest, notFound } from '../http/api-error.js';
import { readJsonObject, sendJson } from '../http/http-io.js';
import { paginate } from '../http/pagination.js';
import type { Route } from '../http/router.js';
import { createJob } from '../jobs/create-job.js';
import { cancelJob, pauseJob, resumeJob } from '../jobs/job-clock.js';
import { visibleCheckpoints, visibleEvents } from '../jobs/job-events.js';
import { jobView, settleJob } from '../jobs/job-view.js';
import { assertQuota } from '../limits/quota.js';
import type { JobRecord } from '../store/records.js';

export function fineTuningRoutes(ctx: SandboxContext): Route[] {
  const { store } = ctx;
  const jobOr404 = async (id: string) => {
    const job = store.jobs.get(id);
    if (!job) throw notFound('fine-tuning job', id, 'fine_tuning_job_id');
    await settleJob(ctx, job);
    return job;
  };
  const transition = (name: string, change: (job: JobRecord, now: number) => boolean, eventMessage: string): Route => ({
    method: 'POST',
    pattern: `/v1/fine_tuning/jobs/:id/${name}`,
    handler: async ({ res, params }) => {
      const job = await jobOr404(params.id!);
      const now = ctx.now();
      if (!change(job, now)) {
        const status = jobView(ctx, job).status;
        throw badRequest(
          `Job ${job.id} cannot be ${eventMessage} while its status is '${status}'.`,
          null,
          `job_not_${name}able`,
        );
      }
      job.extraEvents.push({
        id: `ftevent-${job.id.slice(6, 18)}x${job.extraEvents.length}`,
        createdAtMs: now,
        level: 'info',
        message: `Fine-tuning job ${eventMessage}`,
      });
      await store.save();
      sendJson(res, 200, jobView(ctx, job));
    },
  });

  return [
    {
      method: 'POST',
      pattern: '/v1/fine_tuning/jobs',
      handler: async ({ req, res }) => {
        const body = await readJsonObject(req);
        if (ctx.options.refuseFineTuning) {
          throw new ApiError(
            403,
            'Fine-tuning is no longer available to this organization: self-serve fine-tuning is closed to new jobs (sandbox refuseFineTuning mode).',
            'invalid_request_error',
            'fine_tuning_unavailable',
          );
        }
        const job = await createJob(ctx, body);
        assertQuota(ctx);
        store.jobs.set(job.id, job);
        ctx.stats.jobsCreated += 1;
        await store.save();
        sendJson(res, 200, jobView(ctx, job));
      },
    },
    {
      method: 'GET',
      pattern: '/v1/fine_tuning/jobs',
      handler: async ({ res, query }) => {
        const filters = [...query.entries()].flatMap(([key, value]) => {
          const match = /^metadata\[(.+)\]$/.exec(key);
          return match ? [[match[1]!, value] as const] : [];
        });
        const jobs = [...store.jobs.values()]
          .filter((job) => filters.every(([key, value]) => job.metadata?.[key] === value))
          .reverse();
        for (const job of jobs) await settleJob(ctx, job);
        const page = paginate(jobs, query, 20);
        sendJson(res, 200, { ...page, data: page.data.map((job) => jobView(ctx, job)) });
      },
    },
    {
      method: 'GET',
      pattern: '/v1/fine_tuning/jobs/:id',
      handler: async ({ res, params }) => sendJson(res, 200, jobView(ctx, await jobOr404(params.id!))),
    },
    {
      method: 'GET',
      pattern: '/v1/fine_tuning/jobs/:id/events',
      handler: async ({ res, params, query }) => {
        const job = await jobOr404(params.id!);
        sendJson(res, 200, paginate(visibleEvents(job, ctx.now()), query, 20));
      },
    },
    {
      method: 'GET',
      pattern: '/v1/fine_tuning/jobs/:id/checkpoints',
      handler: async ({ res, params, query }) => {
        const job = await jobOr404(params.id!);
        sendJson(res, 200, paginate(visibleCheckpoints(job, ctx.now()), query, 10));
      },
    },
    transition('cancel', cancelJob, 'cancelled'),
    transition('pause', pauseJob, 'paused'),
    transition('resume', resumeJob, 'resumed'),
  ];
}
