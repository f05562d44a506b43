import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from './index.js';

let sandbox: Sandbox;
let client: OpenAI;
/** Files kept on disk (`dataDir`): parts are joined by streaming, not in memory. */
let onDisk: { sandbox: Sandbox; client: OpenAI };

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0.02 });
  client = new OpenAI({ baseURL: sandbox.baseURL, apiKey: 'sk-test', maxRetries: 0 });
  const disk = await startSandbox({ timeScale: 0.02, dataDir: await mkdtemp(join(tmpdir(), 'sandbox-uploads-')) });
  onDisk = { sandbox: disk, client: new OpenAI({ baseURL: disk.baseURL, apiKey: 'sk-test', maxRetries: 0 }) };
});
afterAll(async () => {
  await sandbox.close();
  await onDisk.sandbox.close();
});

const status = (promise: Promise<unknown>) =>
  promise.then(
    () => 200,
    (error: { status?: number }) => error.status,
  );

async function partsOf(content: Buffer, size: number, uploadId: string, api = client): Promise<string[]> {
  const ids: string[] = [];
  for (let at = 0; at < content.length; at += size) {
    const part = await api.uploads.parts.create(uploadId, {
      data: await toFile(content.subarray(at, at + size), 'part'),
    });
    expect(part).toMatchObject({ object: 'upload.part', upload_id: uploadId });
    ids.push(part.id);
  }
  return ids;
}

describe('uploads', () => {
  it.each(['memory', 'disk'])(
    'joins the parts in the given order into one file, checked by size and md5 (%s)',
    async (where) => {
      const api = where === 'disk' ? onDisk.client : client;
      const content = randomBytes(300_000);
      const upload = await api.uploads.create({
        bytes: content.length,
        filename: 'train.jsonl',
        mime_type: 'application/jsonl',
        purpose: 'fine-tune',
      });
      expect(upload).toMatchObject({ object: 'upload', status: 'pending', bytes: content.length });
      const ids = await partsOf(content, 100_000, upload.id, api);
      const md5 = createHash('md5').update(content).digest('hex');
      const done = await api.uploads.complete(upload.id, { part_ids: ids, md5 });
      expect(done.status).toBe('completed');
      expect(done.file).toMatchObject({
        object: 'file',
        bytes: content.length,
        filename: 'train.jsonl',
        purpose: 'fine-tune',
      });
      const stored = Buffer.from(await (await api.files.content(done.file!.id)).arrayBuffer());
      expect(stored.equals(content)).toBe(true);
      expect((await api.files.retrieve(done.file!.id)).id).toBe(done.file!.id);
      // A completed upload takes no more parts and is not completed twice.
      expect(await status(api.uploads.complete(upload.id, { part_ids: ids }))).toBe(400);
    },
  );

  it('refuses parts that do not add up to the size, a wrong md5, parts of another upload, and a cancelled upload', async () => {
    const content = randomBytes(50_000);
    const create = () =>
      client.uploads.create({
        bytes: content.length,
        filename: 'x.jsonl',
        mime_type: 'application/jsonl',
        purpose: 'fine-tune',
      });
    const upload = await create();
    const ids = await partsOf(content, 20_000, upload.id);
    expect(await status(client.uploads.complete(upload.id, { part_ids: ids.slice(1) }))).toBe(400);
    expect(await status(client.uploads.complete(upload.id, { part_ids: ids, md5: '0'.repeat(32) }))).toBe(400);
    const other = await create();
    expect(await status(client.uploads.complete(other.id, { part_ids: ids }))).toBe(400);
    expect((await client.uploads.cancel(other.id)).status).toBe('cancelled');
    expect(await status(client.uploads.parts.create(other.id, { data: await toFile(content, 'part') }))).toBe(400);
    expect(await status(client.uploads.complete('upload_nope', { part_ids: [] }))).toBe(404);
    expect(
      await status(
        client.uploads.create({
          bytes: 9 * 1024 ** 3,
          filename: 'x',
          mime_type: 'application/jsonl',
          purpose: 'fine-tune',
        }),
      ),
    ).toBe(400);
    expect((await client.uploads.complete(upload.id, { part_ids: ids })).status).toBe('completed');
  });
});
