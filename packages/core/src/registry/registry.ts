import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnyPlugin, PluginKind } from '../contracts/plugin.js';
import { TunekitError } from '../errors.js';
import { BUILTIN_PLUGINS } from './builtins.js';
import { didYouMean } from './suggest.js';

type PluginOf<K extends PluginKind> = Extract<AnyPlugin, { kind: K }>;

const cache = new Map<string, Promise<AnyPlugin>>();

/** A `use:` value that names user code rather than a built-in id. */
export function isExternalPluginRef(use: string): boolean {
  return (
    use.startsWith('./') ||
    use.startsWith('../') ||
    isAbsolute(use) ||
    use.startsWith('@') ||
    use.includes('/') ||
    use.startsWith('tunekit-plugin-')
  );
}

export function builtinIds(kind?: PluginKind): string[] {
  return Object.entries(BUILTIN_PLUGINS)
    .filter(([, entry]) => kind === undefined || entry.kind === kind)
    .map(([id]) => id);
}

async function importPlugin(use: string, baseDir: string): Promise<AnyPlugin> {
  const builtin = BUILTIN_PLUGINS[use];
  if (builtin) {
    const module = (await import(builtin.package)) as { plugins?: Record<string, AnyPlugin> };
    const plugin = module.plugins?.[use];
    if (!plugin) throw new TunekitError('INTERNAL', `built-in plugin \`${use}\` is missing from ${builtin.package}`);
    return plugin;
  }
  if (!isExternalPluginRef(use)) {
    throw new TunekitError(
      'UNKNOWN_PLUGIN',
      `unknown plugin \`${use}\`${didYouMean(use, Object.keys(BUILTIN_PLUGINS))}`,
      {
        context: { hint: `known: ${Object.keys(BUILTIN_PLUGINS).join(', ')}` },
      },
    );
  }
  const isPath = use.startsWith('.') || isAbsolute(use);
  const specifier = isPath ? pathToFileURL(resolve(baseDir, use)).href : use;
  let module: { default?: AnyPlugin; plugin?: AnyPlugin };
  try {
    module = (await import(specifier)) as typeof module;
  } catch (cause) {
    throw new TunekitError('UNKNOWN_PLUGIN', `cannot load plugin \`${use}\`: ${(cause as Error).message}`, { cause });
  }
  const plugin = module.default ?? module.plugin;
  if (plugin?.specVersion !== 'v1') {
    throw new TunekitError(
      'UNKNOWN_PLUGIN',
      `plugin \`${use}\` must default-export a v1 plugin object (specVersion: 'v1')`,
    );
  }
  return plugin;
}

/** Resolves a `use:` id: built-in ids import their workspace package lazily; paths and npm names load user code. */
export async function loadPlugin<K extends PluginKind>(
  use: string,
  kind: K,
  baseDir = process.cwd(),
): Promise<PluginOf<K>> {
  const key = `${baseDir}\0${use}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = importPlugin(use, baseDir);
    cache.set(key, pending);
    pending.catch(() => cache.delete(key));
  }
  const plugin = await pending;
  if (plugin.kind !== kind) {
    const known = builtinIds(kind);
    throw new TunekitError('UNKNOWN_PLUGIN', `\`${use}\` is a ${plugin.kind}, not a ${kind}${didYouMean(use, known)}`, {
      context: { hint: `known ${kind}s: ${known.join(', ')}` },
    });
  }
  return plugin as PluginOf<K>;
}
