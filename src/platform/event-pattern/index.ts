export { compileEventPattern, matchesEventPattern, validateEventPattern } from './compile.ts';
export { InvalidEventPatternException } from './errors.ts';
export { MAX_PATTERN_LENGTH } from './input.ts';
export type { EventMatcher, EventPatternDialect, EventPatternOptions } from './types.ts';
