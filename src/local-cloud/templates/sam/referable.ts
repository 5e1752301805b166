import type { CfnResource } from './context.ts';
import { intrinsicName, isPlainObject } from '../intrinsics.ts';

interface Referables {
  /** HTTP API logical id → its stage's logical id. */
  readonly stages: ReadonlyMap<string, string>;
  readonly input: ReadonlyMap<string, CfnResource>;
  /** Logical ids of the transform's output. */
  readonly emitted: ReadonlySet<string>;
  /** Function id → its generated alias. */
  readonly aliases: ReadonlyMap<string, string>;
}

/**
 * SAM lets templates `Ref` generated resources through a property of the SAM resource:
 * `MyApi.Stage` is the (HTTP or served REST) API's stage; `MyFunction.Alias` the `<Function>Alias<Name>` generated for
 * `AutoPublishAlias` (a no-op alias: it is the function), `.Version` the function itself (no
 * versions are published locally), and
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

function referable(name: string, { stages, input, emitted, aliases }: Referables): string | undefined {
  const [id = '', property] = name.split('.', 2);
  const type = input.get(id)?.Type;
  if ((type === 'AWS::Serverless::HttpApi' || type === 'AWS::Serverless::Api') && property === 'Stage') return stages.get(id);
  if (type !== 'AWS::Serverless::Function') return undefined;
  if (property === 'Alias') return aliases.get(id) ?? id;
  if (property === 'Version') return id;
  if (property === 'DestinationQueue') {
    return [`${id}EventInvokeConfigOnFailureQueue`, `${id}EventInvokeConfigOnSuccessQueue`].find((queue) => emitted.has(queue));
  }
  return undefined;
}
