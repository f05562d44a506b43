import { join } from 'node:path';
import type { Logger } from '../contracts/logger.js';
import type { ProviderConfig } from '../contracts/provider.js';
import type { Trainer, TrainerControl, TrainerState } from '../contracts/trainer.js';
import { TunekitError } from '../errors.js';
import { loadPlugin } from '../registry/registry.js';
import { writeFileAtomic } from '../run-folder/atomic-writer.js';
import { type TrainerStateFile, writeTrainerStateFile } from './trainer-state-file.js';

export interface OpenedTrainer {
  trainer: Trainer;
  /** Plugin id of the trainer, e.g. `trainer-openai`. */
  id: string;
  options: unknown;
}

/** Loads a trainer plugin by its `use:` id and creates it with options checked by the plugin's own schema. */
export async function openTrainer(
  use: string,
  options: unknown,
  baseDir: string,
  logger: Logger,
  env: NodeJS.ProcessEnv,
): Promise<OpenedTrainer> {
  const plugin = await loadPlugin(use, 'trainer', baseDir);
  const parsed = plugin.options.safeParse(options ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = ['train', 'with', ...(issue?.path ?? [])].join('.');
    throw new TunekitError('OPTION_INVALID', `${field}: ${issue?.message ?? 'invalid option'}`, {
      context: { field, step: use },
    });
  }
  const trainer = await plugin.create(parsed.data, { baseDir, logger, env });
  return { trainer, id: plugin.id, options: parsed.data };
}

/** A TrainerControl whose `saveState` rewrites `trainer-state.json` (atomically) inside the given envelope. */
export function createTrainerControl(args: {
  runDir: string;
  logger: Logger;
  signal: AbortSignal;
  providers: Record<string, ProviderConfig>;
  env: NodeJS.ProcessEnv;
  envelope: Omit<TrainerStateFile, 'updatedAt'>;
}): TrainerControl & { readonly envelope: Omit<TrainerStateFile, 'updatedAt'> } {
  const { runDir, envelope } = args;
  return {
    runDir,
    logger: args.logger,
    signal: args.signal,
    providers: args.providers,
    env: args.env,
    envelope,
    loadState: async () => envelope.state,
    async saveState(state: TrainerState) {
      envelope.state = structuredClone(state);
      await writeTrainerStateFile(runDir, envelope);
    },
    async writeArtifact(name: string, content: string | Uint8Array) {
      if (name.includes('/') || name.includes('\\') || name.startsWith('.')) {
        throw new TunekitError('INTERNAL', `trainer artifact name must be a plain file name: ${name}`);
      }
      const path = join(runDir, name);
      await writeFileAtomic(path, content);
      return path;
    },
  };
}
