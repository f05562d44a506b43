/** The state the sandbox keeps (and persists with `dataDir`). Views sent to clients are computed from it. */

export interface FileRecord {
  id: string;
  object: 'file';
  bytes: number;
  created_at: number;
  filename: string;
  purpose: string;
  status: 'processed';
  status_details: null;
  expires_at: number | null;
}

/** An Upload (`/v1/uploads`): parts arrive one by one, `complete` joins them into a file. Kept in memory only. */
export interface UploadRecord {
  id: string;
  object: 'upload';
  bytes: number;
  created_at: number;
  expires_at: number;
  filename: string;
  purpose: string;
  status: 'pending' | 'completed' | 'cancelled';
  file: FileRecord | null;
  /** Bytes of each part received, by part id. */
  parts: Map<string, number>;
}

export interface ServiceError {
  code: string;
  message: string;
  param: string | null;
}

export interface TrainingPlan {
  examples: number;
  validationExamples: number;
  billingTokens: number;
  epochs: number;
  batchSize: number;
  learningRateMultiplier: number;
  totalSteps: number;
}

export interface StoredEvent {
  id: string;
  createdAtMs: number;
  level: 'info' | 'warn' | 'error';
  message: string;
}

export interface JobRecord {
  id: string;
  model: string;
  trainingFile: string;
  validationFile: string | null;
  suffix: string | null;
  seed: number;
  metadata: Record<string, string> | null;
  method: { type: string; [key: string]: unknown };
  requestedHyperparameters: Record<string, unknown>;
  integrations: unknown[] | null;
  createdAtMs: number;
  /** Simulated durations in ms (already scaled). */
  phases: { validatingMs: number; queuedMs: number; runningMs: number };
  /** Wall time during which the job's clock did not advance (pauses, re-queueing after resume). */
  frozenMs: number;
  pausedAtMs: number | null;
  /** After a resume the job is `queued` until this time, its clock held at `heldVirtualMs`. */
  requeuedUntilMs: number | null;
  heldVirtualMs: number | null;
  cancelledAtMs: number | null;
  /** Decided at creation from the files: the job fails when validation ends. */
  validationError: ServiceError | null;
  plan: TrainingPlan;
  fineTunedModel: string;
  /** Set by `DELETE /v1/models/{ft-model}`: the model no longer answers. */
  modelDeleted?: boolean;
  resultFileId: string | null;
  extraEvents: StoredEvent[];
}

export interface BatchRequestLine {
  line: number;
  customId: string;
  body: Record<string, unknown>;
}

export interface BatchRecord {
  id: string;
  endpoint: string;
  inputFileId: string;
  completionWindow: string;
  metadata: Record<string, string> | null;
  createdAtMs: number;
  phases: { validatingMs: number; inProgressMs: number; finalizingMs: number };
  /** Share of the requests done when the completion window ends and the batch expires; absent: it completes. */
  expiresAtShare?: number;
  validationErrors: { code: string; message: string; param: string | null; line: number | null }[];
  total: number;
  cancelledAtMs: number | null;
  /** Set once the batch is finished: output and error files are written then. */
  finishedAtMs: number | null;
  outputFileId: string | null;
  errorFileId: string | null;
  counts: { completed: number; failed: number } | null;
  usage: { input_tokens: number; output_tokens: number; total_tokens: number } | null;
}

export interface PersistedState {
  version: 1;
  files: FileRecord[];
  jobs: JobRecord[];
  batches: BatchRecord[];
}
