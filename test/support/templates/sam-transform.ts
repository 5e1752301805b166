import type { CfnResource } from '../../../src/local-cloud/templates/sam/context.ts';
import { transformSam } from '../../../src/local-cloud/templates/sam/transform.ts';
import type { SamTransformResult } from '../../../src/local-cloud/templates/sam/transform.ts';

/** Test support: runs the SAM transform on a template with these resources (and other sections). */
export function transform(resources: Record<string, unknown>, rest: Record<string, unknown> = {}, dir = '/app'): SamTransformResult & { resources: Record<string, CfnResource> } {
  const result = transformSam({ Transform: 'AWS::Serverless-2016-10-31', ...rest, Resources: resources }, '/app/template.yaml', dir);
  return { ...result, resources: result.template.Resources as Record<string, CfnResource> };
}

/** Test support: a minimal `AWS::Serverless::Function` with these extra properties. */
export function fn(properties: Record<string, unknown> = {}, attributes: Record<string, unknown> = {}): Record<string, unknown> {
  return { Type: 'AWS::Serverless::Function', Properties: { Handler: 'app.handler', Runtime: 'nodejs22.x', CodeUri: 'src/', ...properties }, ...attributes };
}
