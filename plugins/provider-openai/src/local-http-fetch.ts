import { Agent, type IncomingMessage, request } from 'node:http';
import { pipeline, Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** Answers at most this large (by content-length) are read whole; larger or unsized ones stream. */
const BUFFERED_BODY_LIMIT = 4 * 1024 * 1024;
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * A `fetch` for plain-http endpoints (the sandbox, vLLM or Ollama on a local port) on a keep-alive `node:http` agent.
 * Node's built-in fetch spends about twice the CPU per request (WHATWG streams and per-request bookkeeping), which
 * is what an evaluation against a fast local server ends up measuring. Only what the openai SDK sends for JSON calls
 * takes this path: a string or byte body (or none) to an `http:` URL. Everything else (https, multipart uploads,
 * streamed bodies, a `Request` object) goes to the built-in fetch. Unlike fetch, redirects are not followed.
 */
export function createLocalHttpFetch(fallback: typeof fetch = globalThis.fetch): typeof fetch {
  const agent = new Agent({ keepAlive: true, scheduling: 'lifo' });
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : undefined;
    const body = init?.body;
    const simpleBody = body == null || typeof body === 'string' || body instanceof Uint8Array;
    if (url === undefined || !url.startsWith('http:') || !simpleBody) return fallback(input, init);
    return send(url, init ?? {}, body ?? undefined, agent);
  };
}

function send(url: string, init: RequestInit, body: string | Uint8Array | undefined, agent: Agent): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    // Compression only costs CPU on a local link; a server that compresses anyway is still decoded below.
    const headers: Record<string, string> = { 'accept-encoding': 'identity' };
    for (const [name, value] of new Headers(init.headers)) headers[name] = value;
    const req = request(url, { method: init.method ?? 'GET', headers, agent, signal: init.signal ?? undefined });
    req.once('error', reject);
    req.once('response', (res) => toResponse(res).then(resolve, reject));
    req.end(body);
  });
}

async function toResponse(res: IncomingMessage): Promise<Response> {
  const status = res.statusCode ?? 502;
  const headers = new Headers();
  const raw = res.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  const init = { status, statusText: res.statusMessage ?? '', headers };
  if (NULL_BODY_STATUSES.has(status)) {
    res.resume();
    return new Response(null, init);
  }
  const encoding = res.headers['content-encoding'];
  const length = Number(res.headers['content-length'] ?? Number.NaN);
  if (encoding === undefined && length <= BUFFERED_BODY_LIMIT) return new Response(await readAll(res), init);
  headers.delete('content-encoding');
  headers.delete('content-length');
  return new Response(Readable.toWeb(decoded(res, encoding)) as ReadableStream<Uint8Array>, init);
}

function readAll(res: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    res.once('error', reject);
    res.once('aborted', () => reject(new Error('the connection closed before the answer was complete')));
  });
}

function decoded(res: IncomingMessage, encoding: string | undefined): Readable {
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? createGunzip()
      : encoding === 'deflate'
        ? createInflate()
        : encoding === 'br'
          ? createBrotliDecompress()
          : undefined;
  // An error of either side errors the returned stream, hence the web stream the caller reads.
  return decoder ? pipeline(res, decoder, () => undefined) : res;
}
