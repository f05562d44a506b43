/** Prices in USD per 1M tokens. Fine-tuned inference is priced separately from the base model. */
export interface ModelPrices {
  training?: number;
  input?: number;
  cachedInput?: number;
  output?: number;
  fineTunedInput?: number;
  fineTunedCachedInput?: number;
  fineTunedOutput?: number;
  /** ISO date and source of the figures, shown in reports next to every cost. */
  asOf?: string;
  source?: string;
}

export interface ExampleTokenCount {
  /** Tokens of the whole example by OpenAI's chat formula (the notebook's `convo_len`). */
  total: number;
  /** Tokens of assistant content (what is trained on). */
  assistant: number;
  messages: number;
}

/** The target model of a pipeline: its tokenizer, limits and prices (implemented by @tunekit/format). */
export interface ModelContext {
  id: string;
  encoding: string;
  /** Per-example training token limit. */
  exampleTokenLimit: number;
  contextWindow: number;
  prices: ModelPrices;
  /**
   * The training-line formats the model trains on (prompt/completion only for babbage-002 and davinci-002; chat and
   * preference for the chat models); undefined when the catalog does not say (a model added under `prices:`).
   */
  trainingFormats?: readonly ('chat' | 'preference' | 'completion')[];
  countTokens(text: string): number;
  /** Counts a training line (chat, preference or prompt/completion). */
  countExample(line: unknown): ExampleTokenCount;
}
