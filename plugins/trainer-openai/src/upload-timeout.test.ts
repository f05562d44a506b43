import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger, type TrainerControl } from '@tunekit/core';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadOnce } from './upload-file.js';
import { uploadTimeoutMs } from './upload-timeout.js';

let server: Server;
let baseURL: string;
let dir: string;

/** Lists no files, and answers an upload only 500 ms after its last byte: a slow link, as far as the client sees. */
beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const json = (body: unknown) => response.setHeader('content-type', 'application/json').end(JSON.stringify(body));
      if (request.method === 'GET') return json({ object: 'list', data: [], has_more: false });
      const bytes = Buffer.concat(chunks).length;
      setTimeout(() => json({ id: 'file-slow', object: 'file', bytes, filename: 'x', purpose: 'fine-tune' }), 500);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseURL = `http://127.0.0.1:${(server.address() as { port: number }).port}/v1`;
  dir = await mkdtemp(join(tmpdir(), 'tunekit-upload-timeout-'));
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the timeout of an upload', () => {
  it('grows with the bytes sent (100 KB/s at the slowest), never below the request timeout', () => {
    expect(uploadTimeoutMs(1000, 120_000)).toBe(120_000);
    expect(uploadTimeoutMs(64 * 1024 * 1024, 120_000)).toBe(655_360);
  });

  it('lets a file outlast timeout_ms on a slow link, where every attempt used to time out', async () => {
    const path = join(dir, 'train.jsonl');
    await writeFile(path, `${JSON.stringify({ text: 'x'.repeat(200 * 1024) })}\n`);
    const client = new OpenAI({ apiKey: 'unused', baseURL, timeout: 200, maxRetries: 0 });
    const rt = { signal: new AbortController().signal, logger: silentLogger } as unknown as TrainerControl;
    const uploaded = await uploadOnce(client, path, {}, rt, { attempts: 2 });
    expect(uploaded.id).toBe('file-slow');
  });
});
