export { createCloudFormationApi } from './api.ts';
export { appStackRecord, outputId, pascalCase, type AppStackResolver } from './app-stack.ts';
export { CloudFormationError } from './errors.ts';
export { stableUuid, stackArn } from './stack-id.ts';
