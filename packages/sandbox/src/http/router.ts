import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RouteRequest {
  req: IncomingMessage;
  res: ServerResponse;
  params: Record<string, string>;
  query: URLSearchParams;
  requestId: string;
}

export type RouteHandler = (request: RouteRequest) => Promise<void> | void;

export interface Route {
  method: string;
  /** `/v1/files/:id/content`; the pattern doubles as the endpoint name in stats. */
  pattern: string;
  handler: RouteHandler;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/** Exact paths resolve with one map lookup (the chat hot path); parameterised ones by segment comparison. */
export function createRouter(
  routes: Route[],
): (method: string, path: string) => RouteMatch | 'method_not_allowed' | undefined {
  const exact = new Map<string, Route>();
  const patterned: { route: Route; segments: string[] }[] = [];
  for (const route of routes) {
    if (route.pattern.includes(':')) patterned.push({ route, segments: route.pattern.split('/') });
    else exact.set(`${route.method} ${route.pattern}`, route);
  }
  const noParams: Record<string, string> = {};

  return (method, path) => {
    const route = exact.get(`${method} ${path}`);
    if (route) return { route, params: noParams };
    const segments = path.split('/');
    let pathMatched = false;
    for (const candidate of patterned) {
      const params = matchSegments(candidate.segments, segments);
      if (!params) continue;
      if (candidate.route.method === method) return { route: candidate.route, params };
      pathMatched = true;
    }
    if (pathMatched) return 'method_not_allowed';
    for (const known of exact.values()) if (known.pattern === path) return 'method_not_allowed';
    return undefined;
  };
}

function matchSegments(pattern: string[], segments: string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i]!;
    const actual = segments[i]!;
    if (expected.startsWith(':')) {
      if (actual === '') return undefined;
      params[expected.slice(1)] = decodeURIComponent(actual);
    } else if (expected !== actual) return undefined;
  }
  return params;
}
