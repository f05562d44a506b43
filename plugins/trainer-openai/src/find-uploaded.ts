import type OpenAI from 'openai';

/**
 * The id of a fine-tune file holding these bytes, if one is there: the one the state recorded, else one listed
 * under the upload name (which embeds the content hash) with the same size. Files the service marked `error` do not
 * count.
 */
export async function findUploaded(
  client: OpenAI,
  name: string,
  bytes: number,
  knownId: string | undefined,
  signal: AbortSignal,
): Promise<string | undefined> {
  if (knownId) {
    const file = await client.files.retrieve(knownId, { signal }).catch(() => undefined);
    if (file && file.status !== 'error') return file.id;
  }
  for await (const file of client.files.list({ purpose: 'fine-tune' }, { signal })) {
    if (file.filename === name && file.bytes === bytes && file.status !== 'error') return file.id;
  }
  return undefined;
}
