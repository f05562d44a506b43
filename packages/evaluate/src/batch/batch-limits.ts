import type { BatchRequest } from '@tunekit/core';

/** The Batch API's limits on one input file: 50,000 requests and 200 MB (read as decimal megabytes, the lower). */
export const BATCH_LIMITS = { requests: 50_000, bytes: 200_000_000 } as const;

/** Bytes of a request's line in the batch input file (`{custom_id, method, url, body}` and its newline). */
function lineBytes(request: BatchRequest): number {
  const line = { custom_id: request.customId, method: 'POST', url: '/v1/chat/completions', body: request.request };
  return Buffer.byteLength(JSON.stringify(line)) + 1;
}

/** How many of the requests, from the first, fit in one batch input file. */
export function requestsThatFit(requests: readonly BatchRequest[], limits = BATCH_LIMITS): number {
  let bytes = 0;
  const most = Math.min(requests.length, limits.requests);
  for (let i = 0; i < most; i++) {
    bytes += lineBytes(requests[i]!);
    if (bytes > limits.bytes) return i;
  }
  return most;
}
