/** Parts of a fine-tuned model id: `ft:<base>:<org>:<suffix>:<id>[:ckpt-step-<n>]` (suffix may be empty). */
export interface FineTunedId {
  base: string;
  organization: string;
  suffix: string;
  jobModelId: string;
  checkpointStep?: number;
}

export function parseFineTunedId(id: string): FineTunedId | undefined {
  if (!id.startsWith('ft:')) return undefined;
  const parts = id.split(':');
  const base = parts[1];
  if (!base) return undefined;
  const checkpoint = /^ckpt-step-(\d+)$/.exec(parts[5] ?? '');
  return {
    base,
    organization: parts[2] ?? '',
    suffix: parts[3] ?? '',
    jobModelId: parts[4] ?? '',
    ...(checkpoint ? { checkpointStep: Number(checkpoint[1]) } : {}),
  };
}
