import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalHttpFetch } from './local-http-fetch.js';

let server: Server | undefined;
let connections = 0;
afterEach(async () => {
  server?.closeAllConnections();
  server?.close();
  server = undefined;
  connections = 0;
});

async function serve(handler: (req: IncomingMessage, body: string, res: ServerResponse) => void): Promise<string> {
  server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    handler(req, body, res);
  });
  server.on('connection', () => connections++);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
}

const completion = (content: string) =>
  JSON.stringify({
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'm',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
  });

describe('createLocalHttpFetch', () => {
  it('carries the SDK’s JSON calls on one kept-alive connection, with headers and request ids', async () => {
    const seen: { auth?: string; model?: unknown }[] = [];
    const baseURL = await serve((req, body, res) => {
      seen.push({ auth: req.headers.authorization, model: JSON.parse(body).model });
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': `req_${seen.length}` });
      res.end(completion(`answer ${seen.length}`));
    });
    const client = new OpenAI({ baseURL, apiKey: 'sk-local', maxRetries: 0, fetch: createLocalHttpFetch() });
    for (let i = 1; i <= 4; i++) {
      const { data, request_id } = await client.chat.completions
        .create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] })
        .withResponse();
      expect(data.choices[0]?.message.content).toBe(`answer ${i}`);
      expect(request_id).toBe(`req_${i}`);
    }
    expect(seen).toEqual(Array.from({ length: 4 }, () => ({ auth: 'Bearer sk-local', model: 'm' })));
    expect(connections).toBe(1);
  });

  it('gives the SDK error statuses with their headers (429 with retry-after)', async () => {
    const baseURL = await serve((_req, _body, res) => {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after-ms': '250' });
      res.end(JSON.stringify({ error: { message: 'slow down', type: 'requests', code: 'rate_limit_exceeded' } }));
    });
    const client = new OpenAI({ baseURL, apiKey: 'k', maxRetries: 0, fetch: createLocalHttpFetch() });
    const error = await client.chat.completions
      .create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).headers?.get('retry-after-ms')).toBe('250');
  });

  it('streams unsized answers, decodes compressed ones, and gives 204 no body', async () => {
    const baseURL = await serve((req, _body, res) => {
      if (req.url?.endsWith('/chunked')) {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('first line\n');
        setTimeout(() => res.end('second line\n'), 20);
      } else if (req.url?.endsWith('/gzip')) {
        const zipped = gzipSync(completion('zipped'));
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(zipped);
      } else {
        res.writeHead(204);
        res.end();
      }
    });
    const localFetch = createLocalHttpFetch();
    const chunked = await localFetch(`${baseURL}/chunked`);
    expect(await chunked.text()).toBe('first line\nsecond line\n');
    const zipped = await localFetch(`${baseURL}/gzip`, { method: 'POST', body: '{}' });
    expect(zipped.headers.get('content-encoding')).toBeNull();
    expect((await zipped.json()).choices[0].message.content).toBe('zipped');
    const empty = await localFetch(`${baseURL}/empty`, { method: 'DELETE' });
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
  });

  it('rejects with an AbortError when the signal aborts', async () => {
    const baseURL = await serve(() => undefined); // never answers
    const controller = new AbortController();
    const pending = createLocalHttpFetch()(`${baseURL}/chat/completions`, {
      method: 'POST',
      body: '{}',
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('leaves https, multipart bodies and Request objects to the built-in fetch', async () => {
    const fellBack: string[] = [];
    const fallback = (async (input: string | URL | Request) => {
      fellBack.push(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      return new Response('{}', { status: 200 });
    }) as typeof fetch;
    const localFetch = createLocalHttpFetch(fallback);
    await localFetch('https://api.openai.com/v1/models');
    const form = new FormData();
    form.set('purpose', 'batch');
    await localFetch('http://127.0.0.1:9/v1/files', { method: 'POST', body: form });
    await localFetch(new Request('http://127.0.0.1:9/v1/models'));
    expect(fellBack).toEqual([
      'https://api.openai.com/v1/models',
      'http://127.0.0.1:9/v1/files',
      'http://127.0.0.1:9/v1/models',
    ]);
  });
});
