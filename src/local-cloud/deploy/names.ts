import { arn } from '../identity.ts';
import type { CloudServices } from '../services.ts';

/** What `Ref`/`GetAtt` give for resources whose identity follows from their name. */
export interface ResourceNames {
  queueUrl(name: string): string;
  queueArn(name: string): string;
  busArn(name: string): string;
  functionArn(name: string): string;
}

export function resourceNames(services: Pick<CloudServices, 'sqs' | 'eventBridge'>): ResourceNames {
  return {
    queueUrl: (name) => services.sqs.queueUrl(name),
    queueArn: (name) => services.sqs.queueArn(name),
    busArn: (name) => services.eventBridge.busArn(name),
    functionArn: (name) => arn('lambda', `function:${name}`),
  };
}
