/** One evaluation item: the prompt messages and the reference answer. */
export interface EvalItem {
  id: string;
  messages: { role: string; content: unknown }[];
  reference: string;
  meta?: Record<string, unknown>;
}

export interface Score {
  /** 0..1 */
  score: number;
  pass?: boolean;
  reason?: string;
  /** The scorer could not decide (e.g. an unparseable judge verdict): counted and reported, never a zero. */
  error?: string;
}

export interface Scorer {
  readonly specVersion: 'v1';
  readonly name: string;
  score(item: EvalItem, output: string, options?: { signal?: AbortSignal }): Score | Promise<Score>;
}
