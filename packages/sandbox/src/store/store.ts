import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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
  try {
    const state = JSON.parse(await readFile(join(dataDir, 'state.json'), 'utf8')) as PersistedState;
    return state.version === 1 ? state : emptyState();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
    throw error;
  }
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
