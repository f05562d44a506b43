import { describe, expect, it } from 'vitest';
import { parseMetricLine, StepCounter } from './training-log.js';

describe('parseMetricLine', () => {
  it("reads the dicts Hugging Face's Trainer prints (axolotl, TRL, Unsloth)", () => {
    expect(parseMetricLine("{'loss': 1.2345, 'grad_norm': 0.8, 'learning_rate': 0.0002, 'epoch': 0.25}")).toEqual({
      trainLoss: 1.2345,
    });
    expect(parseMetricLine("{'eval_loss': 1.1, 'eval_runtime': 3.2, 'epoch': 0.5}")).toEqual({ validLoss: 1.1 });
    // TRL adds the token accuracy; nan and booleans are Python's spelling.
    expect(
      parseMetricLine("{'loss': 0.9, 'mean_token_accuracy': 0.71, 'grad_norm': nan, 'flag': True, 'x': None}"),
    ).toEqual({ trainLoss: 0.9, tokenAccuracy: 0.71 });
  });

  it('reads the floats recent Trainers print as strings, to 4 significant digits', () => {
    expect(
      parseMetricLine("{'loss': '0.7123', 'grad_norm': '1.234', 'learning_rate': '2e-05', 'epoch': '0.25'}"),
    ).toEqual({ trainLoss: 0.7123 });
    expect(parseMetricLine("{'eval_loss': '1.1', 'eval_runtime': '3.2'}")).toEqual({ validLoss: 1.1 });
    expect(parseMetricLine("{'loss': 'nan', 'epoch': '0.5'}")).toBeUndefined();
  });

  it("reads numpy 2's scalars and -inf among the values of a printed dict", () => {
    expect(
      parseMetricLine(
        "{'eval_loss': np.float32(0.42), 'eval_accuracy': np.float64(0.8), 'eval_steps': np.int64(3), 'epoch': 1.0}",
      ),
    ).toEqual({ validLoss: 0.42 });
    expect(parseMetricLine("{'loss': 1.5, 'grad_norm': -inf, 'epoch': 0.5}")).toEqual({ trainLoss: 1.5 });
  });

  it("reads JSON lines (LLaMA-Factory's trainer_log.jsonl, a script's own) with their step, total and time left", () => {
    expect(
      parseMetricLine(
        '{"current_steps": 10, "total_steps": 200, "loss": 1.5, "lr": 0.0001, "epoch": 0.1, "percentage": 5.0, "elapsed_time": "0:00:30", "remaining_time": "0:09:30"}',
      ),
    ).toEqual({ step: 10, totalSteps: 200, trainLoss: 1.5, etaSeconds: 570 });
    expect(parseMetricLine('{"step": 7, "train_loss": 0.5, "valid_loss": 0.6}')).toEqual({
      step: 7,
      trainLoss: 0.5,
      validLoss: 0.6,
    });
  });

  it('finds the object inside a log line with a prefix, and keeps quotes inside strings', () => {
    expect(parseMetricLine("[INFO] step log: {'loss': 2.0, 'note': 'it\\'s fine'}")).toEqual({ trainLoss: 2 });
  });

  it('ignores the end-of-training summary, lines without a loss and text that is not an object', () => {
    expect(parseMetricLine("{'train_runtime': 12.3, 'train_loss': 1.1, 'epoch': 3.0}")).toBeUndefined();
    expect(parseMetricLine("{'learning_rate': 0.0002, 'epoch': 1}")).toBeUndefined();
    expect(parseMetricLine('the loss went down {not an object}')).toBeUndefined();
    expect(parseMetricLine("{'loss': nan}")).toBeUndefined();
  });
});

describe('StepCounter', () => {
  it('takes the step and total of the progress bar drawn before a printed loss', () => {
    const steps = new StepCounter();
    steps.observe(' 40%|████      | 20/50 [00:10<00:15,  2.0it/s]');
    expect(steps.place({ trainLoss: 1 })).toEqual({ step: 20, totalSteps: 50, trainLoss: 1 });
    // An evaluation bar and its result: the result belongs to the last training point.
    steps.observe('100%|██████████| 4/4 [00:01<00:00,  3.1it/s]');
    expect(steps.place({ validLoss: 0.9 })).toEqual({ step: 20, validLoss: 0.9 });
  });

  it("counts training points when there is no bar, and keeps a program's own step", () => {
    const steps = new StepCounter();
    expect(steps.place({ trainLoss: 2 }).step).toBe(1);
    expect(steps.place({ trainLoss: 1.5 }).step).toBe(2);
    expect(steps.place({ step: 40, trainLoss: 1 }).step).toBe(40);
    expect(steps.place({ validLoss: 1.2 }).step).toBe(40);
  });
});
