/**
 * Reading an operation's JSON wire input (JSON 1.0/1.1 bodies, or awsQuery forms turned into JSON): each reader
 * returns the member in its model type or throws what the service answers for it. Operations never cast raw input.
 * Services differ only in their errors' names and wording, so each builds its readers from its own `WireErrors`.
 * `path` names the member in messages (`Entries[0].Source`); it defaults to the field.
 */

/** One operation's raw JSON input. */
export type Input = Record<string, unknown>;

export interface WireErrors {
  /** A member of the wrong wire type; `expected` reads like "a string", "a list of strings". */
  wrongType(path: string, expected: string, value: unknown): Error;
  /** A required member that is absent, null or (unless `emptyStringIsMissing` is false) an empty string. */
  missing(path: string): Error;
}

export interface WireInputOptions {
  /** awsQuery sends every value as a string: accept `"12"` where an integer belongs. */
  integersFromStrings?: boolean;
  /** Whether `requiredString` refuses `""` as missing. Default true. */
  emptyStringIsMissing?: boolean;
}

export interface WireInputReader {
  optionalString(input: Input, field: string, path?: string): string | undefined;
  requiredString(input: Input, field: string, path?: string): string;
  optionalInteger(input: Input, field: string, path?: string): number | undefined;
  optionalBoolean(input: Input, field: string, path?: string): boolean | undefined;
  optionalStringList(input: Input, field: string, path?: string): string[] | undefined;
  optionalStringMap(input: Input, field: string, path?: string): Record<string, string> | undefined;
  optionalObject(input: Input, field: string, path?: string): Input | undefined;
  /** A list of structures (`Entries`, `Targets`); absent is `[]`, the caller checks the count. */
  objectList(input: Input, field: string, path?: string): Input[];
}

const INTEGER_STRING = /^-?\d+$/;

export function wireInputReader(errors: WireErrors, options: WireInputOptions = {}): WireInputReader {
  const emptyStringIsMissing = options.emptyStringIsMissing ?? true;
  const present = (input: Input, field: string) => {
    const value = Object.hasOwn(input, field) ? input[field] : undefined;
    return value === null ? undefined : value;
  };
  const isStructure = (value: unknown): value is Input => typeof value === 'object' && value !== null && !Array.isArray(value);

  const reader: WireInputReader = {
    optionalString(input, field, path = field) {
      const value = present(input, field);
      if (value !== undefined && typeof value !== 'string') throw errors.wrongType(path, 'a string', value);
      return value;
    },
    requiredString(input, field, path = field) {
      const value = reader.optionalString(input, field, path);
      if (value === undefined || (emptyStringIsMissing && value === '')) throw errors.missing(path);
      return value;
    },
    optionalInteger(input, field, path = field) {
      const value = present(input, field);
      if (value === undefined) return undefined;
      const number = options.integersFromStrings && typeof value === 'string' && INTEGER_STRING.test(value) ? Number(value) : value;
      if (typeof number !== 'number' || !Number.isSafeInteger(number)) throw errors.wrongType(path, 'an integer', value);
      return number;
    },
    optionalBoolean(input, field, path = field) {
      const value = present(input, field);
      if (value !== undefined && typeof value !== 'boolean') throw errors.wrongType(path, 'a boolean', value);
      return value;
    },
    optionalStringList(input, field, path = field) {
      const value = present(input, field);
      if (value === undefined) return undefined;
      if (!Array.isArray(value)) throw errors.wrongType(path, 'a list of strings', value);
      value.forEach((item, index) => {
        if (typeof item !== 'string') throw errors.wrongType(`${path}[${index}]`, 'a string', item);
      });
      return value as string[];
    },
    optionalStringMap(input, field, path = field) {
      const value = reader.optionalObject(input, field, path);
      if (value === undefined) return undefined;
      for (const [key, item] of Object.entries(value)) {
        if (typeof item !== 'string') throw errors.wrongType(`${path}.${key}`, 'a string', item);
      }
      return value as Record<string, string>;
    },
    optionalObject(input, field, path = field) {
      const value = present(input, field);
      if (value !== undefined && !isStructure(value)) throw errors.wrongType(path, 'a structure', value);
      return value;
    },
    objectList(input, field, path = field) {
      const value = present(input, field);
      if (value === undefined) return [];
      if (!Array.isArray(value)) throw errors.wrongType(path, 'a list', value);
      value.forEach((item, index) => {
        if (!isStructure(item)) throw errors.wrongType(`${path}[${index}]`, 'a structure', item);
      });
      return value as Input[];
    },
  };
  return reader;
}
