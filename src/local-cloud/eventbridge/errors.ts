import { AwsServiceError } from '../protocol/errors.ts';

export const resourceNotFound = (message: string) => new AwsServiceError('ResourceNotFoundException', message);
export const invalidEventPattern = (message: string) => new AwsServiceError('InvalidEventPatternException', message);
export const validation = (message: string) => new AwsServiceError('ValidationException', message);
export const resourceExists = (message: string) => new AwsServiceError('ResourceAlreadyExistsException', message);
