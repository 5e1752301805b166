import { AwsServiceError } from '../protocol/errors.ts';

/**
 * CloudFormation answers bad input, unknown stacks and unknown resources alike with a
 * `ValidationError` (HTTP 400); `@aws-sdk/client-cloudformation` surfaces it as a
 * `CloudFormationServiceException` named `ValidationError`.
 */
export class CloudFormationError extends AwsServiceError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('ValidationError', message, { statusCode: 400, fault: 'Sender', ...options });
  }
}

/** AWS's wording for a stack name or id it does not know. */
export const stackNotFound = (stackName: string) => new CloudFormationError(`Stack with id ${stackName} does not exist`);

export const resourceNotFound = (logicalId: string, stackName: string) =>
  new CloudFormationError(`Resource ${logicalId} does not exist for stack ${stackName}`);

export const missingParameter = (name: string) =>
  new CloudFormationError(`1 validation error detected: Value null at '${name.charAt(0).toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must not be null`);

export const invalidNextToken = () => new CloudFormationError('Invalid NextToken');
