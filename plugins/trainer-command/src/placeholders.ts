import { TunekitError } from '@tunekit/core';

export const PLACEHOLDERS = [
  'train_file',
  'validation_file',
  'output_dir',
  'base_model',
  'model',
  'epochs',
  'config',
  'run_dir',
] as const;

export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Partial<Record<Placeholder, string>>;

const SLOT = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const isPlaceholder = (name: string): name is Placeholder => (PLACEHOLDERS as readonly string[]).includes(name);

/** The names of `{{…}}` slots in `text` that are not placeholders. */
export function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(SLOT)].map((match) => match[1] as string).filter((name) => !isPlaceholder(name));
}

/**
 * Fills the known placeholders of `text`. In a config template (`strict: false`) any other `{{…}}` stays as it is
 * (chat templates are Jinja); in the command and the environment an unknown name is a mistake. A known placeholder
 * without a value (no validation file, no epochs given) is always an error, naming `field`.
 */
export function fillPlaceholders(text: string, values: PlaceholderValues, field: string, strict: boolean): string {
  return text.replace(SLOT, (slot, name: string) => {
    if (!isPlaceholder(name)) {
      if (!strict) return slot;
      throw new TunekitError('OPTION_INVALID', `trainer-command: \`${field}\`: unknown placeholder {{${name}}}`, {
        context: { field: `train.with.${field}`, hint: `known: ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}` },
      });
    }
    const value = values[name];
    if (value === undefined) {
      throw new TunekitError('OPTION_INVALID', `trainer-command: \`${field}\`: {{${name}}} has no value in this run`, {
        context: { field: `train.with.${field}`, hint: placeholderHint(name) },
      });
    }
    return value;
  });
}

function placeholderHint(name: Placeholder): string {
  if (name === 'validation_file') return 'the dataset wrote no validation.jsonl: add a `split` step';
  if (name === 'epochs') return 'set `epochs` in the trainer options';
  if (name === 'config') return 'set `config: { template: … }` in the trainer options';
  return 'this value is always known: report it as a bug';
}
