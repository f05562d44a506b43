/** One logged point of a training run, as the programs print or write it. */
export interface LoggedMetric {
  /** The step the program names, or undefined (Hugging Face's printed dicts name none). */
  step?: number;
  totalSteps?: number;
  trainLoss?: number;
  validLoss?: number;
  tokenAccuracy?: number;
  etaSeconds?: number;
}

/**
 * Python's repr of a dict of numbers and strings, as JSON (`{'loss': 1.2, 'x': nan}` → `{"loss": 1.2, "x": null}`).
 * numpy 2 spells its scalars `np.float64(0.8)`, as a `compute_metrics` returns them.
 */
function pythonDictAsJson(text: string): string {
  return text
    .replace(/'((?:[^'\\]|\\.)*)'/g, (_, inner: string) => JSON.stringify(inner.replace(/\\'/g, "'")))
    .replace(/\bnp\.\w+\(([^()]*)\)/g, '$1')
    .replace(/-?\b(?:nan|inf|None)\b/g, 'null')
    .replace(/\bTrue\b/g, 'true')
    .replace(/\bFalse\b/g, 'false');
}

function objectIn(line: string): Record<string, unknown> | undefined {
  const start = line.indexOf('{');
  const end = line.lastIndexOf('}');
  if (start < 0 || end <= start) return undefined;
  const text = line.slice(start, end + 1);
  for (const candidate of [text, pythonDictAsJson(text)]) {
    try {
      const value = JSON.parse(candidate) as unknown;
      if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {}
  }
  return undefined;
}

/** Recent Trainers print every float as a string of 4 significant digits (`{'loss': '0.6931'}`). */
const NUMBER_TEXT = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i;

function numeric(value: unknown): number | undefined {
  const number = typeof value === 'string' && NUMBER_TEXT.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

/** `1:02:03` or `0:10:00` (LLaMA-Factory's `remaining_time`) in seconds. */
function clockSeconds(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d+(?::\d{1,2}){1,2}$/.test(value)) return undefined;
  return value.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

/**
 * The metric a log line carries, if any: a JSON object (LLaMA-Factory's `trainer_log.jsonl`, a script's own
 * `{"step": …, "loss": …}`) or the dict Hugging Face's Trainer prints (axolotl, TRL, Unsloth:
 * `{'loss': 1.23, 'grad_norm': …, 'epoch': 0.5}`, `{'eval_loss': 1.1, …}`). The end-of-training summary
 * (`train_runtime`, mean `train_loss`) is not a point of the curve.
 */
export function parseMetricLine(line: string): LoggedMetric | undefined {
  if (!line.includes('loss')) return undefined;
  const data = objectIn(line);
  if (!data || 'train_runtime' in data) return undefined;
  const number = (...keys: string[]) => {
    for (const key of keys) {
      const value = numeric(data[key]);
      if (value !== undefined) return value;
    }
    return undefined;
  };
  const metric: LoggedMetric = {
    step: number('step', 'current_steps', 'global_step'),
    totalSteps: number('total_steps', 'max_steps'),
    trainLoss: number('loss', 'train_loss'),
    validLoss: number('eval_loss', 'valid_loss'),
    tokenAccuracy: number('mean_token_accuracy', 'train_mean_token_accuracy'),
    etaSeconds: clockSeconds(data.remaining_time) ?? number('eta_seconds'),
  };
  if (metric.trainLoss === undefined && metric.validLoss === undefined) return undefined;
  return Object.fromEntries(Object.entries(metric).filter(([, v]) => v !== undefined)) as LoggedMetric;
}

/** tqdm's bar as Hugging Face's Trainer draws it: ` 40%|████      | 2/5 [00:01<00:02, 1.9it/s]`. */
const PROGRESS_BAR = /(\d+)\/(\d+) \[\d/;

/**
 * Gives every metric a step: the program's own; else, for a training loss, the step of the progress bar drawn just
 * before it (the Trainer logs right after the step it names; evaluation bars come after the log); else the count of
 * training points so far. An evaluation without a step belongs to the last training point.
 */
export class StepCounter {
  private trainPoints = 0;
  private lastStep = 0;
  private bar: { step: number; total: number } | undefined;

  /** Notes a progress bar on a line of output. */
  observe(line: string): void {
    const match = PROGRESS_BAR.exec(line);
    if (match) this.bar = { step: Number(match[1]), total: Number(match[2]) };
  }

  place(metric: LoggedMetric): LoggedMetric & { step: number } {
    const placed: LoggedMetric & { step: number } = { ...metric, step: metric.step ?? this.lastStep };
    if (metric.trainLoss !== undefined) {
      this.trainPoints++;
      if (metric.step === undefined) {
        placed.step = this.bar?.step ?? this.trainPoints;
        if (this.bar && placed.totalSteps === undefined) placed.totalSteps = this.bar.total;
      }
    }
    this.lastStep = placed.step;
    return placed;
  }
}
