export { createLogsApi } from './api.ts';
export { compileFilterPattern, type Matcher } from './filter-pattern.ts';
export { isLogsError, LogsError, type LogsErrorCode } from './errors.ts';
export { LogsService, type LogsServiceOptions } from './service.ts';
export { DEFAULT_MAX_AGE_MS, DEFAULT_MAX_EVENTS_PER_GROUP, type RetentionOptions } from './retention.ts';
