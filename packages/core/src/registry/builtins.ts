import type { PluginKind } from '../contracts/plugin.js';

export interface BuiltinEntry {
  kind: PluginKind;
  /** Workspace package whose `plugins` export holds the plugin under this id. */
  package: string;
}

/** Built-in plugin ids. Each package exports `plugins: Record<id, plugin>`; they are imported lazily. */
export const BUILTIN_PLUGINS: Readonly<Record<string, BuiltinEntry>> = {
  'read-jsonl': { kind: 'step', package: '@tunekit/prepare' },
  'read-json': { kind: 'step', package: '@tunekit/prepare' },
  'read-csv': { kind: 'step', package: '@tunekit/prepare' },
  'read-legal': { kind: 'step', package: '@tunekit/prepare' },
  'to-chat': { kind: 'step', package: '@tunekit/prepare' },
  normalize: { kind: 'step', package: '@tunekit/prepare' },
  'redact-pii': { kind: 'step', package: '@tunekit/prepare' },
  validate: { kind: 'step', package: '@tunekit/prepare' },
  dedupe: { kind: 'step', package: '@tunekit/prepare' },
  'token-budget': { kind: 'step', package: '@tunekit/prepare' },
  split: { kind: 'step', package: '@tunekit/prepare' },
  'write-jsonl': { kind: 'step', package: '@tunekit/prepare' },
  'trainer-openai': { kind: 'trainer', package: '@tunekit/trainer-openai' },
  'trainer-command': { kind: 'trainer', package: '@tunekit/trainer-command' },
  'provider-openai': { kind: 'provider', package: '@tunekit/provider-openai' },
  evaluate: { kind: 'evaluator', package: '@tunekit/evaluate' },
};
