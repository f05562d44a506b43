/**
 * The one error class of tunekit. Codes are stable strings that tests and users can rely on.
 * Row problems are data (rejects); a TunekitError is a run problem.
 */
const MARKER = Symbol.for('tunekit.error');

/** Codes caused by the user's input or configuration: the CLI prints one line and exits 2. */
export const USER_ERROR_CODES = [
  'YAML_SYNTAX',
  'CONFIG_INVALID',
  'UNKNOWN_PLUGIN',
  'OPTION_INVALID',
  'UNKNOWN_REFERENCE',
  'INPUT_NOT_FOUND',
  'INPUT_INVALID',
  'UNKNOWN_MODEL',
  'MISSING_API_KEY',
  /** The endpoint answered 401/403 to the key (wrong, revoked or without the needed permission). */
  'API_KEY_REJECTED',
  /** A configured endpoint could not be reached before anything was launched (closed port, unknown host). */
  'ENDPOINT_UNREACHABLE',
  'COST_OVER_BUDGET',
  'RUN_FOLDER_INVALID',
  'USAGE',
] as const;

/** Codes of a run that started and could not finish: exit 1. */
export const RUN_ERROR_CODES = [
  'LEDGER_MISMATCH',
  'STEP_FAILED',
  'ABORTED',
  'TRAINER_FAILED',
  'TRAINING_UNAVAILABLE',
  'PROVIDER_ERROR',
  'GATE_FAILED',
  'INTERNAL',
] as const;

export type UserErrorCode = (typeof USER_ERROR_CODES)[number];
export type RunErrorCode = (typeof RUN_ERROR_CODES)[number];
export type ErrorCode = UserErrorCode | RunErrorCode;

export interface ErrorContext {
  file?: string;
  line?: number;
  column?: number;
  step?: string;
  field?: string;
  hint?: string;
  [key: string]: unknown;
}

export class TunekitError extends Error {
  readonly [MARKER] = true;
  readonly code: ErrorCode;
  readonly context: ErrorContext;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; context?: ErrorContext } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TunekitError';
    this.code = code;
    this.context = options.context ?? {};
  }

  /** Works across duplicate copies of this package, unlike instanceof. */
  static is(value: unknown, code?: ErrorCode): value is TunekitError {
    const marked = typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
    return marked && (code === undefined || (value as TunekitError).code === code);
  }

  get isUserError(): boolean {
    return (USER_ERROR_CODES as readonly string[]).includes(this.code);
  }

  /** `file:line:column: message (step x) — hint`, on one line. */
  render(): string {
    const { file, line, column, step, hint } = this.context;
    const where = file
      ? [file, line, line !== undefined ? column : undefined].filter((p) => p !== undefined).join(':')
      : '';
    const parts = [where ? `${where}: ${this.message}` : this.message];
    if (step && !this.message.includes(step)) parts.push(`(step ${step})`);
    if (hint) parts.push(`— ${hint}`);
    return parts.join(' ').replace(/[\r\n]+/g, ' ');
  }
}
