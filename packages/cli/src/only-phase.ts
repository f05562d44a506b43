import { type LoadedPipeline, TunekitError } from '@tunekit/core';

type Phase = 'dataset' | 'train' | 'evaluate';

const SECTION: Record<Phase, string> = { dataset: 'dataset:', train: 'train:', evaluate: 'evaluate:' };

/** `run --only PHASE` on a pipeline without that section would do nothing and say "succeeded": a user error. */
export function assertPhaseExists(pipeline: LoadedPipeline, only: Phase | undefined): void {
  if (only === undefined) return;
  const present = { dataset: pipeline.sources.length > 0, train: !!pipeline.train, evaluate: !!pipeline.evaluate };
  if (present[only]) return;
  const sections = (Object.keys(present) as Phase[]).filter((phase) => present[phase]);
  throw new TunekitError('USAGE', `--only ${only}: the pipeline has no ${SECTION[only]} section`, {
    context: {
      file: pipeline.file,
      field: '--only',
      hint: sections.length > 0 ? `it has ${sections.map((p) => SECTION[p]).join(', ')}` : 'it has no phase to run',
    },
  });
}
