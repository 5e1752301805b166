/** Where in a template a problem sits; every field is optional because not every problem has all of them. */
export interface TemplateErrorContext {
  /** The template or manifest file, as given (absolute when the loader knows it). */
  readonly file?: string;
  /** 1-based line in `file`, for parse errors. */
  readonly line?: number;
  /** The resource (or condition, parameter, output) the problem belongs to. */
  readonly logicalId?: string;
  /** Dotted path inside it, e.g. `Properties.Environment.Variables.TABLE`. */
  readonly property?: string;
  readonly cause?: unknown;
}

/**
 * A template, cloud assembly or SAM construct that cannot be loaded or resolved. `message` reads
 * `<file>:<line>: <logicalId>.<property>: <detail>` with the parts that are known, so a user can go
 * straight to the spot; `detail` is the bare reason.
 */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly logicalId: string | undefined;
  readonly property: string | undefined;
  readonly detail: string;

  constructor(detail: string, context: TemplateErrorContext = {}) {
    super(formatMessage(detail, context), context.cause === undefined ? undefined : { cause: context.cause });
    this.detail = detail;
    this.file = context.file;
    this.line = context.line;
    this.logicalId = context.logicalId;
    this.property = context.property;
  }

  /** The same error with context filled in where it was missing (inner code rarely knows the file). */
  withContext(context: TemplateErrorContext): TemplateError {
    return new TemplateError(this.detail, {
      file: this.file ?? context.file,
      line: this.line ?? context.line,
      logicalId: this.logicalId ?? context.logicalId,
      property: this.property ?? context.property,
      cause: this.cause ?? context.cause,
    });
  }
}

function formatMessage(detail: string, { file, line, logicalId, property }: TemplateErrorContext): string {
  const where = file === undefined ? '' : `${file}${line === undefined ? '' : `:${line}`}: `;
  const what = [logicalId, property].filter((part) => part !== undefined && part !== '').join('.');
  return `${where}${what === '' ? '' : `${what}: `}${detail}`;
}

/** Runs `action`, adding `context` to a TemplateError it throws and wrapping anything else. */
export function withTemplateContext<T>(context: TemplateErrorContext, action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof TemplateError) throw error.withContext(context);
    throw new TemplateError(error instanceof Error ? error.message : String(error), { ...context, cause: error });
  }
}
