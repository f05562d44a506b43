import { type Document, isMap, isScalar, type LineCounter, type Node } from 'yaml';

export interface Position {
  line: number;
  column: number;
}

type Path = readonly PropertyKey[];

/** The node at a path, or the deepest ancestor that exists. */
function deepestNode(doc: Document, path: Path): { node: Node | undefined; depth: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth) as unknown[], true) as Node | undefined;
    if (node && typeof node === 'object' && 'range' in node) return { node, depth };
  }
  return { node: undefined, depth: 0 };
}

/** Position of a value at a path; with `key`, the position of that key inside the map at `path`. */
export function positionOf(doc: Document, counter: LineCounter, path: Path, key?: string): Position {
  const { node, depth } = deepestNode(doc, path);
  let offset = node?.range?.[0] ?? 0;
  if (key !== undefined && depth === path.length && isMap(node)) {
    const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
    const keyNode = pair?.key as Node | undefined;
    if (keyNode?.range) offset = keyNode.range[0];
  } else if (depth < path.length && isMap(node)) {
    // The value is missing: point at the parent key that should hold it.
    const missing = path[depth];
    const pair = node.items.find((item) => isScalar(item.key) && item.key.value === missing);
    const keyNode = pair?.key as Node | undefined;
    if (keyNode?.range) offset = keyNode.range[0];
  }
  const { line, col } = counter.linePos(offset);
  return { line, column: col };
}
