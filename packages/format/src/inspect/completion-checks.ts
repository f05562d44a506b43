import { createHash } from 'node:crypto';

/**
 * The advice `openai tools fine_tunes.prepare_data` gave for prompt/completion files (the legacy babbage-002 and
 * davinci-002 format; reference/openai-fine-tuning.md §1): a separator that ends every prompt, a space that starts
 * every completion and an ending that ends it, and the warnings about duplicates, upper case, long and few examples.
 * Advice, not errors: the service trains on such files either way.
 */
export interface CompletionAdvice {
  code:
    | 'no_common_separator'
    | 'no_common_ending'
    | 'completion_without_leading_space'
    | 'same_prompt'
    | 'same_completion'
    | 'common_prompt_prefix'
    | 'long_examples'
    | 'mostly_upper_case'
    | 'duplicate_pairs'
    | 'few_examples';
  message: string;
}

/** The tool's candidates, in its order; the first that appears in no prompt (or completion) is suggested. */
const SEPARATORS = [' ->', '\n\n###\n\n', '\n\n===\n\n', '\n\n---\n\n', '\n\n===>\n\n', '\n\n--->\n\n'];
const FALLBACK_SEPARATOR = '\n\n### =>\n\n';
const ENDINGS = ['\n', '.', ' END', '***', '+++', '&&&', '$$$', '@@@', '%%%'];
const FALLBACK_ENDING = ' [END]';
const LONG_EXAMPLE_CHARS = 10_000;
const SHORTEST_TELLING_PREFIX = 12;
const RECOMMENDED_EXAMPLES = 100;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;

function commonSuffix(a: string, b: string): string {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return a.slice(a.length - n);
}

function commonPrefix(a: string, b: string): string {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return a.slice(0, n);
}

/** Accumulates, one pair at a time, what the advice needs: running common affixes, counts and one hash per pair. */
export class CompletionChecks {
  private pairs = 0;
  private promptSuffix: string | undefined;
  private promptPrefix: string | undefined;
  private completionSuffix: string | undefined;
  private firstPrompt: string | undefined;
  private firstCompletion: string | undefined;
  private differentPrompts = false;
  private differentCompletions = false;
  private withoutLeadingSpace = 0;
  private long = 0;
  private letters = 0;
  private upper = 0;
  private duplicates = 0;
  private promptsHaveNewlines = false;
  private readonly seen = new Set<string>();
  private readonly usedSeparators = new Set<string>();
  private readonly usedEndings = new Set<string>();

  add(prompt: string, completion: string): void {
    this.pairs++;
    this.promptSuffix = this.promptSuffix === undefined ? prompt : commonSuffix(this.promptSuffix, prompt);
    this.promptPrefix = this.promptPrefix === undefined ? prompt : commonPrefix(this.promptPrefix, prompt);
    this.completionSuffix =
      this.completionSuffix === undefined ? completion : commonSuffix(this.completionSuffix, completion);
    this.firstPrompt ??= prompt;
    this.firstCompletion ??= completion;
    if (prompt !== this.firstPrompt) this.differentPrompts = true;
    if (completion !== this.firstCompletion) this.differentCompletions = true;
    if (!/^\s/.test(completion)) this.withoutLeadingSpace++;
    if (prompt.length + completion.length > LONG_EXAMPLE_CHARS) this.long++;
    if (prompt.includes('\n')) this.promptsHaveNewlines = true;
    // A separator or ending inside the text (not only at its end) cannot mark where the text ends.
    for (const separator of SEPARATORS)
      if (prompt.slice(0, -separator.length).includes(separator)) this.usedSeparators.add(separator);
    for (const ending of ENDINGS)
      if (completion.slice(0, -ending.length).includes(ending)) this.usedEndings.add(ending);
    this.countCase(prompt);
    this.countCase(completion);
    const key = createHash('sha1').update(prompt).update('\0').update(completion).digest('base64');
    if (this.seen.has(key)) this.duplicates++;
    else this.seen.add(key);
  }

  /** Letters and upper-case letters: ASCII by code, anything else by its Unicode category. */
  private countCase(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        if (c >= 0x41 && c <= 0x5a) {
          this.letters++;
          this.upper++;
        } else if (c >= 0x61 && c <= 0x7a) this.letters++;
        continue;
      }
      const char = text[i]!;
      if (UPPER.test(char)) {
        this.letters++;
        this.upper++;
      } else if (LOWER.test(char)) this.letters++;
    }
  }

  advice(): CompletionAdvice[] {
    if (this.pairs === 0) return [];
    const out: CompletionAdvice[] = [];
    const say = (code: CompletionAdvice['code'], message: string) => out.push({ code, message });
    if (!this.differentPrompts && this.pairs > 1)
      say('same_prompt', 'every prompt is the same: the model cannot learn what leads to which completion');
    if (!this.differentCompletions && this.pairs > 1)
      say('same_completion', 'every completion is the same: there is nothing to learn');
    if (this.differentPrompts && !this.promptSuffix) {
      const suggestion = SEPARATORS.find(
        (separator) => !this.usedSeparators.has(separator) && !(separator === ' ->' && this.promptsHaveNewlines),
      );
      say(
        'no_common_separator',
        `prompts do not end with a common separator: end each with one found nowhere else in them, e.g. ${JSON.stringify(suggestion ?? FALLBACK_SEPARATOR)}`,
      );
    }
    if (this.differentCompletions && !this.completionSuffix) {
      const suggestion = ENDINGS.find((ending) => !this.usedEndings.has(ending)) ?? FALLBACK_ENDING;
      say(
        'no_common_ending',
        `completions do not end with a common ending: end each with one found nowhere else in them, e.g. ${JSON.stringify(suggestion)}`,
      );
    }
    if (this.withoutLeadingSpace > 0) {
      say(
        'completion_without_leading_space',
        `${this.withoutLeadingSpace} completion(s) do not start with a space, which the legacy tokenizers expect after the separator`,
      );
    }
    const prefix = this.differentPrompts ? (this.promptPrefix ?? '') : '';
    if (prefix.length > SHORTEST_TELLING_PREFIX) {
      say(
        'common_prompt_prefix',
        `every prompt starts with the same ${prefix.length} characters (${JSON.stringify(prefix.slice(0, 40))}…): they teach nothing and cost tokens`,
      );
    }
    if (this.long > 0) {
      say(
        'long_examples',
        `${this.long} example(s) are over ${LONG_EXAMPLE_CHARS.toLocaleString('en-US')} characters (about 2,048 tokens)`,
      );
    }
    if (this.letters > 0 && this.upper * 3 > this.letters) {
      say('mostly_upper_case', 'more than a third of the letters are upper case: lower case usually trains better');
    }
    if (this.duplicates > 0)
      say('duplicate_pairs', `${this.duplicates} prompt/completion pair(s) repeat an earlier one`);
    if (this.pairs < RECOMMENDED_EXAMPLES) {
      say(
        'few_examples',
        `${this.pairs} examples: the legacy guide recommends at least ${RECOMMENDED_EXAMPLES}, better a few hundred`,
      );
    }
    return out;
  }
}
