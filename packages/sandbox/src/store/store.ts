import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { TunekitError } from '@tunekit/core';
import { diskContents, type FileContents, memoryContents } from './file-contents.js';
import type { BatchRecord, FileRecord, JobRecord, PersistedState, UploadRecord } from './records.js';

/** Files, jobs and batches in insertion order; with a data folder every change is saved to `state.json`. */
export interface Store {
  files: Map<string, FileRecord>;
  jobs: Map<string, JobRecord>;
  batches: Map<string, BatchRecord>;
  /** Uploads in progress or done; not saved (the service lets a pending upload expire after an hour). */
  uploads: Map<string, UploadRecord>;
  contents: FileContents;
  /** Call after a change; saves are serialised and coalesced. */
  save(): Promise<void>;
}

export async function openStore(dataDir: string | undefined): Promise<Store> {
  const state = dataDir ? await loadState(dataDir) : emptyState();
  const store: Store = {
    files: new Map(state.files.map((file) => [file.id, file])),
    jobs: new Map(state.jobs.map((job) => [job.id, job])),
    batches: new Map(state.batches.map((batch) => [batch.id, batch])),
    uploads: new Map(),
    contents: dataDir ? diskContents(dataDir) : memoryContents(),
    save: async () => {},
  };
  if (dataDir) store.save = createSaver(dataDir, store);
  return store;
}

function emptyState(): PersistedState {
  return { version: 1, files: [], jobs: [], batches: [] };
}

async function loadState(dataDir: string): Promise<PersistedState> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, 'state.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
    throw error;
  }
  let state: PersistedState;
  try {
    state = JSON.parse(text) as PersistedState;
  } catch (error) {
    throw damaged(path, 'it is not JSON', error);
  }
  if (state?.version !== 1) return emptyState();
  const lists = ['files', 'jobs', 'batches'] as const;
  const broken = lists.find((list) => !Array.isArray(state[list]));
  if (broken) throw damaged(path, `\`${broken}\` is not a list`);
  return state;
}

/** A state file the sandbox cannot read: one line naming it, and how to start afresh. */
function damaged(path: string, why: string, cause?: unknown): TunekitError {
  return new TunekitError('RUN_FOLDER_INVALID', `the sandbox state is damaged: ${why}`, {
    ...(cause ? { cause } : {}),
    context: {
      file: path,
      hint: `remove ${dirname(path)} to start the sandbox afresh (its simulated files, jobs and batches are lost)`,
    },
  });
}

function createSaver(dataDir: string, store: Store): () => Promise<void> {
  let running: Promise<void> | undefined;
  let pending = false;
  const target = join(dataDir, 'state.json');
  const writeOnce = async () => {
    const state: PersistedState = {
      version: 1,
      files: [...store.files.values()],
      jobs: [...store.jobs.values()],
      batches: [...store.batches.values()],
    };
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(state));
    await rename(temporary, target);
  };
  const loop = async () => {
    while (pending) {
      pending = false;
      await writeOnce();
    }
    running = undefined;
  };
  return () => {
    pending = true;
    running ??= loop();
    return running;
  };
}
