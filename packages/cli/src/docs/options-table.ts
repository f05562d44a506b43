/** Renders a JSON Schema object's properties as a Markdown table (nested objects flattened with dotted names). */
type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
};

/**
 * One GFM table cell on one line. Only `|` is escaped, as `\|`: the table parser unescapes it before anything else
 * (inside code spans too). Backslashes are left alone: the cells hold Markdown (code spans of JSON values, authored
 * descriptions), and inside a code span a doubled backslash would show as two.
 */
export function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Alternatives of a type, escaped later by `escapeCell` with the rest of the cell. */
const OR = ' | ';

export function describeType(schema: JsonSchema): string {
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  if (schema.enum) return schema.enum.map((v) => `\`${JSON.stringify(v)}\``).join(OR);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return [...new Set(variants.map(describeType))].join(OR);
  if (schema.type === 'array') return `${schema.items ? describeType(schema.items) : 'any'}[]`;
  if (
    schema.type === 'object' &&
    !schema.properties &&
    schema.additionalProperties &&
    typeof schema.additionalProperties === 'object'
  ) {
    return `map of ${describeType(schema.additionalProperties)}`;
  }
  const type = Array.isArray(schema.type) ? schema.type.join(OR) : (schema.type ?? 'any');
  const range = [
    schema.minimum !== undefined ? `≥ ${schema.minimum}` : '',
    schema.exclusiveMinimum !== undefined ? `> ${schema.exclusiveMinimum}` : '',
    schema.maximum !== undefined ? `≤ ${schema.maximum}` : '',
    schema.exclusiveMaximum !== undefined ? `< ${schema.exclusiveMaximum}` : '',
  ].filter(Boolean);
  return range.length ? `${type} (${range.join(', ')})` : type;
}

function rows(schema: JsonSchema, prefix: string, out: string[][]): void {
  const required = new Set(schema.required ?? []);
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const path = prefix ? `${prefix}.${name}` : name;
    const isDefaulted = property.default !== undefined;
    out.push([
      `\`${path}\``,
      escapeCell(describeType(property)),
      required.has(name) && !isDefaulted ? 'yes' : '',
      isDefaulted ? `\`${escapeCell(JSON.stringify(property.default))}\`` : '',
      escapeCell(property.description ?? ''),
    ]);
    if (property.properties) rows(property, path, out);
  }
}

export function optionsTable(schema: JsonSchema): string {
  const body: string[][] = [];
  rows(schema, '', body);
  if (body.length === 0) return '_No options._\n';
  const header = ['option', 'type', 'required', 'default', 'description'];
  return `${[header, header.map(() => '---'), ...body].map((r) => `| ${r.join(' | ')} |`).join('\n')}\n`;
}
