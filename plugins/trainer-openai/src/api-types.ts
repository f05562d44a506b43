import type OpenAI from 'openai';

export type FineTuningJob = OpenAI.FineTuning.FineTuningJob;
export type FineTuningJobEvent = OpenAI.FineTuning.FineTuningJobEvent;
export type JobCreateParams = OpenAI.FineTuning.JobCreateParams;
