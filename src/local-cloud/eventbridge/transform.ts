import type { InputTransformer } from '../../platform/topology/types.ts';
import { readJsonPath } from '../../platform/event-pattern/json-path.ts';
import type { EventEnvelope, TargetConfig } from './models.ts';

export interface TransformContext {
  readonly ruleName: string;
  readonly ruleArn: string;
  readonly ingestionTime: string;
}

/**
 * What a target receives for an event: the whole event (default), constant `Input`, the part at
 * `InputPath`, or an `InputTransformer` template. Returns the text delivered (SQS body / Lambda payload).
 */
export function renderTargetInput(target: TargetConfig, event: EventEnvelope, context: TransformContext): string {
  if (target.input !== undefined) return target.input;
  if (target.inputPath !== undefined) return JSON.stringify(readJsonPath(event, target.inputPath) ?? null);
  if (target.inputTransformer !== undefined) return applyInputTransformer(target.inputTransformer, event, context);
  return JSON.stringify(event);
}

/**
 * AWS's template rules: `<name>` inside a JSON string is replaced by the value's text (escaped for
 * JSON); outside quotes by the value's JSON. A missing path renders as an empty string, inside
 * quotes or out (`""`), as AWS delivers it. `<aws.events.event>` is the event without `detail`;
 * `<aws.events.event.json>` the whole event.
 */
export function applyInputTransformer(transformer: InputTransformer, event: EventEnvelope, context: TransformContext): string {
  const values = new Map<string, unknown>();
  for (const [name, path] of Object.entries(transformer.inputPathsMap ?? {})) values.set(name, readJsonPath(event, path));
  values.set('aws.events.rule-name', context.ruleName);
  values.set('aws.events.rule-arn', context.ruleArn);
  values.set('aws.events.event.ingestion-time', context.ingestionTime);
  const { detail: _detail, ...eventWithoutDetail } = event;
  values.set('aws.events.event', eventWithoutDetail);
  values.set('aws.events.event.json', event);

  const template = transformer.inputTemplate;
  let output = '';
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const char = template[i]!;
    if (char === '<') {
      const end = template.indexOf('>', i);
      const name = end > i ? template.slice(i + 1, end) : '';
      if (values.has(name)) {
        output += renderValue(values.get(name), inString);
        i = end;
        continue;
      }
    }
    if (char === '"' && template[i - 1] !== '\\') inString = !inString;
    output += char;
  }
  return output;
}

function renderValue(value: unknown, inString: boolean): string {
  if (inString) {
    if (value === undefined || value === null) return '';
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return JSON.stringify(text).slice(1, -1);
  }
  return JSON.stringify(value === undefined ? '' : value);
}
