import type { CfnResource } from './context.ts';
import { intrinsicName, isPlainObject } from '../intrinsics.ts';

interface Referables {
  /** HTTP API logical id → its stage's logical id. */
  readonly stages: ReadonlyMap<string, string>;
  readonly input: ReadonlyMap<string, CfnResource>;
  /** Logical ids of the transform's output. */
  readonly emitted: ReadonlySet<string>;
}

/**
 * SAM lets templates `Ref` generated resources through a property of the SAM resource:
 * `MyApi.Stage` is the API's stage; `MyFunction.Alias` / `.Version` are the function itself here
 * (AutoPublishAlias publishes nothing locally: the alias is the function), and
 * `MyFunction.DestinationQueue` the queue an `EventInvokeConfig` generated.
 */
export function rewriteReferableProperties<T>(value: T, referables: Referables): T {
  return rewrite(value, referables) as T;
}

function rewrite(value: unknown, referables: Referables): unknown {
  if (Array.isArray(value)) return value.map((item) => rewrite(item, referables));
  if (!isPlainObject(value)) return value;
  if (intrinsicName(value) === 'Ref' && typeof value.Ref === 'string' && value.Ref.includes('.')) {
    const target = referable(value.Ref, referables);
    if (target !== undefined) return { Ref: target };
  }
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, rewrite(child, referables)]));
}

function referable(name: string, { stages, input, emitted }: Referables): string | undefined {
  const [id = '', property] = name.split('.', 2);
  const type = input.get(id)?.Type;
  if (type === 'AWS::Serverless::HttpApi' && property === 'Stage') return stages.get(id);
  if (type !== 'AWS::Serverless::Function') return undefined;
  if (property === 'Alias' || property === 'Version') return id;
  if (property === 'DestinationQueue') {
    return [`${id}EventInvokeConfigOnFailureQueue`, `${id}EventInvokeConfigOnSuccessQueue`].find((queue) => emitted.has(queue));
  }
  return undefined;
}
