import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { type EvaluatorRuntime, hashFile } from '@tunekit/core';
import type { ReportMeta } from '../report/report-data.js';
import { BOOTSTRAP_SEED } from './build-report.js';

async function toolVersion(): Promise<string> {
  try {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Pipeline name and run id from the run folder's manifest when the runner wrote one, else the folder name. */
export async function reportMeta(
  rt: EvaluatorRuntime,
  itemsPath: string,
  items: number,
  samplingSeed?: number,
): Promise<ReportMeta> {
  let manifest: { runId?: string; pipeline?: { name?: string } } = {};
  try {
    manifest = JSON.parse(await readFile(join(rt.runDir, 'manifest.json'), 'utf8')) as typeof manifest;
  } catch {
    // an evaluation outside `tunekit run` has no manifest
  }
  const datasetHash = await hashFile(itemsPath).then(
    (h) => h.sha256,
    () => undefined,
  );
  return {
    pipeline: manifest.pipeline?.name ?? basename(rt.runDir),
    runId: manifest.runId ?? basename(rt.runDir),
    createdAt: new Date().toISOString(),
    sandbox: rt.sandbox === true,
    toolVersion: await toolVersion(),
    ...(datasetHash ? { datasetHash } : {}),
    seeds: { bootstrap: BOOTSTRAP_SEED, ...(samplingSeed !== undefined ? { sampling: samplingSeed } : {}) },
    items,
  };
}
