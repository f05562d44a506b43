/** What `GET /sandbox/stats` returns; tests and benchmarks read it. */
export interface SandboxStats {
  requests: number;
  requestsByEndpoint: Record<string, number>;
  filesUploaded: number;
  jobsCreated: number;
  batchesCreated: number;
  chatCompletions: number;
  rateLimited: number;
  insufficientQuota: number;
  unauthorized: number;
  faults: { total: number; status500: number; status503: number; dropped: number; slow: number };
  inFlight: number;
  maxInFlight: number;
  /** TCP connections accepted: far fewer than requests when clients keep connections alive. */
  connections: number;
}

export function createStats(): SandboxStats {
  return {
    requests: 0,
    requestsByEndpoint: {},
    filesUploaded: 0,
    jobsCreated: 0,
    batchesCreated: 0,
    chatCompletions: 0,
    rateLimited: 0,
    insufficientQuota: 0,
    unauthorized: 0,
    faults: { total: 0, status500: 0, status503: 0, dropped: 0, slow: 0 },
    inFlight: 0,
    maxInFlight: 0,
    connections: 0,
  };
}

export function countEndpoint(stats: SandboxStats, endpoint: string): void {
  stats.requestsByEndpoint[endpoint] = (stats.requestsByEndpoint[endpoint] ?? 0) + 1;
}

export function snapshotStats(stats: SandboxStats): SandboxStats {
  return structuredClone(stats);
}
