import { type Document, isPair, isScalar, type LineCounter, type Scalar, visit } from 'yaml';
import { TunekitError } from '../errors.js';
import { didYouMean } from '../registry/suggest.js';

const EXPRESSION = /\$\{\{\s*([^}]*?)\s*\}\}/g;

/** References resolved when the run gets there (the train and dataset phases produce them). */
export const RUNTIME_REFERENCES = ['train.model', 'dataset.outputs.train', 'dataset.outputs.validation'] as const;
export type RuntimeReference = (typeof RUNTIME_REFERENCES)[number];

interface Scope {
  env: NodeJS.ProcessEnv;
  hasTrain: boolean;
  hasDataset: boolean;
}

function checkReference(reference: string, section: unknown, scope: Scope): string | undefined {
  if (reference.startsWith('env.')) {
    const name = reference.slice(4);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return `\`${reference}\` is not a valid environment variable name`;
    if (scope.env[name] === undefined)
      return `environment variable ${name} is not set (referenced as \${{ ${reference} }})`;
    return undefined;
  }
  if (reference === 'train.model') {
    if (!scope.hasTrain) return '`${{ train.model }}` needs a `train:` section in this pipeline';
    if (section !== 'evaluate') return '`${{ train.model }}` can only be used in the `evaluate:` section';
    return undefined;
  }
  if (reference === 'dataset.outputs.train' || reference === 'dataset.outputs.validation') {
    if (!scope.hasDataset) return `\`\${{ ${reference} }}\` needs a \`dataset:\` section in this pipeline`;
    if (section === 'dataset') return `\`\${{ ${reference} }}\` cannot be used inside the dataset section itself`;
    return undefined;
  }
  const known = ['env.NAME', ...RUNTIME_REFERENCES];
  return `unknown reference \`\${{ ${reference} }}\`${didYouMean(reference, RUNTIME_REFERENCES)} (known: ${known.join(', ')})`;
}

/**
 * Checks every `${{ ... }}` at load time and substitutes `env.*` in place; runtime references stay for the runner.
 * An unknown or unavailable reference is a user error pointing at its line and column.
 */
export function interpolateDocument(doc: Document, counter: LineCounter, file: string, scope: Scope): void {
  visit(doc, {
    Scalar(_key, node: Scalar, path) {
      if (typeof node.value !== 'string' || !node.value.includes('${{')) return;
      const top = path.find((node) => isPair(node));
      const section = isPair(top) && isScalar(top.key) ? top.key.value : undefined;
      const fail = (problem: string): never => {
        const { line, col } = counter.linePos(node.range?.[0] ?? 0);
        throw new TunekitError('UNKNOWN_REFERENCE', problem, { context: { file, line, column: col } });
      };
      // `${{` left over once every `${{ … }}` is taken out is an expression that never closes.
      const leftover = node.value.replace(EXPRESSION, '');
      const open = leftover.indexOf('${{');
      if (open >= 0) {
        const meant = /^\s*([A-Za-z_][\w.]*)/.exec(leftover.slice(open + 3))?.[1] ?? 'reference';
        fail(`unclosed \`\${{\` in ${JSON.stringify(node.value)}: expected \`}}\`, as in \`\${{ ${meant} }}\``);
      }
      node.value = node.value.replace(EXPRESSION, (whole, reference: string) => {
        const problem = checkReference(reference, section, scope);
        if (problem) fail(problem);
        return reference.startsWith('env.') ? (scope.env[reference.slice(4)] ?? '') : whole;
      });
    },
  });
}

/** Substitutes runtime references (train.model, dataset outputs) in an options object. */
export function resolveRuntimeReferences<T>(value: T, values: Partial<Record<RuntimeReference, string>>): T {
  if (typeof value === 'string') {
    return value.replace(EXPRESSION, (whole, reference: string) => {
      const resolved = values[reference as RuntimeReference];
      if (resolved === undefined && (RUNTIME_REFERENCES as readonly string[]).includes(reference)) {
        throw new TunekitError(
          'UNKNOWN_REFERENCE',
          `\`\${{ ${reference} }}\` has no value: the phase that sets it did not run`,
        );
      }
      return resolved ?? whole;
    }) as T;
  }
  if (Array.isArray(value)) return value.map((item) => resolveRuntimeReferences(item, values)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, resolveRuntimeReferences(item, values)]),
    ) as T;
  }
  return value;
}
