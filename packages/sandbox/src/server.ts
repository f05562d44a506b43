import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SandboxContext } from './context.js';
import { ApiError } from './http/api-error.js';
import { bearerOf, openAiPath } from './http/azure-paths.js';
import { sendError, sendJson } from './http/http-io.js';
import { createRouter } from './http/router.js';
import { nextRequestId } from './ids.js';
import { faultFor } from './limits/fault-plan.js';
import { modelTokens } from './models/model-tokens.js';
import { prepareDataDir, resolveOptions, type SandboxOptions } from './options.js';
import { batchRoutes } from './routes/batches.js';
import { chatRoutes } from './routes/chat.js';
import { fileRoutes } from './routes/files.js';
import { fineTuningRoutes } from './routes/fine-tuning.js';
import { modelRoutes } from './routes/models.js';
import { uploadRoutes } from './routes/uploads.js';
import { countEndpoint, createStats, type SandboxStats, snapshotStats } from './stats.js';
import { openStore } from './store/store.js';

export interface Sandbox {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `url + '/v1'`: what an OpenAI client's `baseURL` should be. */
  baseURL: string;
  port: number;
  stats(): SandboxStats;
  close(): Promise<void>;
}

/** Starts the OpenAI-compatible sandbox server (see the package README for its deterministic behaviour). */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const resolved = resolveOptions(options);
  if (resolved.dataDir !== undefined) await prepareDataDir(resolved.dataDir);
  const ctx: SandboxContext = {
    options: resolved,
    store: await openStore(resolved.dataDir),
    stats: createStats(),
    now: Date.now,
  };
  // Loads the default tokenizer now, so that the first request is not the slow one.
  await modelTokens('gpt-4o-mini-2024-07-18');
  const route = createRouter([
    ...chatRoutes(ctx),
    ...fileRoutes(ctx),
    ...uploadRoutes(ctx),
    ...fineTuningRoutes(ctx),
    ...batchRoutes(ctx),
    ...modelRoutes(ctx),
  ]);
  const expectedAuth = resolved.apiKey === undefined ? undefined : `Bearer ${resolved.apiKey}`;
  let faultCounter = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = nextRequestId();
    res.setHeader('x-request-id', requestId);
    const queryStart = req.url!.indexOf('?');
    const path = openAiPath(queryStart === -1 ? req.url! : req.url!.slice(0, queryStart));
    if (path === '/sandbox/stats' && req.method === 'GET') return sendJson(res, 200, snapshotStats(ctx.stats));
    if (path === '/health') return sendJson(res, 200, { ok: true });

    const match = route(req.method ?? 'GET', path);
    const endpoint =
      typeof match === 'object' ? `${match.route.method} ${match.route.pattern}` : `${req.method} (unknown)`;
    countEndpoint(ctx.stats, endpoint);
    const authorization = bearerOf(req.headers.authorization, req.headers['api-key']);
    if (!isAuthorized(authorization, expectedAuth)) {
      ctx.stats.unauthorized += 1;
      throw new ApiError(401, unauthorizedMessage(authorization), 'invalid_request_error', 'invalid_api_key');
    }
    if (match === undefined) throw new ApiError(404, `Invalid URL (${req.method} ${path})`, 'invalid_request_error');
    if (match === 'method_not_allowed') throw new ApiError(405, `Method ${req.method} is not allowed on ${path}`);

    if (resolved.latencyMs > 0) await sleep(resolved.latencyMs);
    faultCounter += 1;
    const fault = faultFor(resolved.seed, resolved.failRate, faultCounter);
    if (fault) {
      ctx.stats.faults.total += 1;
      ctx.stats.faults[fault] += 1;
      if (fault === 'dropped') {
        req.socket.destroy();
        return;
      }
      if (fault === 'status500')
        throw new ApiError(
          500,
          'The server had an error while processing your request. Sorry about that!',
          'server_error',
        );
      if (fault === 'status503')
        throw new ApiError(503, 'The engine is currently overloaded, please try again later.', 'server_error');
      await sleep(resolved.slowMs);
    }
    const query = queryStart === -1 ? EMPTY_QUERY : new URLSearchParams(req.url!.slice(queryStart + 1));
    await match.route.handler({ req, res, params: match.params, query, requestId });
  };

  const server = createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
    ctx.stats.requests += 1;
    ctx.stats.inFlight += 1;
    if (ctx.stats.inFlight > ctx.stats.maxInFlight) ctx.stats.maxInFlight = ctx.stats.inFlight;
    res.once('close', () => {
      ctx.stats.inFlight -= 1;
    });
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent || res.destroyed) return;
      if (error instanceof ApiError) {
        if (!req.complete) req.resume();
        return sendError(res, error);
      }
      sendError(
        res,
        new ApiError(
          500,
          `The sandbox failed: ${error instanceof Error ? error.message : String(error)}`,
          'server_error',
        ),
      );
    });
  });
  server.on('connection', () => {
    ctx.stats.connections += 1;
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, resolved.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${resolved.host}:${port}`;
  return {
    url,
    baseURL: `${url}/v1`,
    port,
    stats: () => snapshotStats(ctx.stats),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await ctx.store.save();
    },
  };
}

const EMPTY_QUERY = new URLSearchParams();

function isAuthorized(header: string | undefined, expected: string | undefined): boolean {
  if (expected !== undefined) return header === expected;
  return header !== undefined && /^Bearer \S+/.test(header);
}

/** Like the service, the message never repeats the key itself. */
function unauthorizedMessage(header: string | undefined): string {
  return header === undefined
    ? "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
    : 'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.';
}
