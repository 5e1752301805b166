import type { AppDef } from '../../platform/topology/types.ts';
import type { StackRecord, StackResourceRecord } from '../deploy/stack-record.ts';
import { physicalName } from '../deploy/from-topology.ts';
import { stableUuid, stackArn } from './stack-id.ts';

/** What the stack of an app needs from the running cloud to name its resources as `Ref` does. */
export interface AppStackResolver {
  /** The URL of a queue by its physical name. */
  queueUrl(queueName: string): string;
  /** The base URL of an app's HTTP API, e.g. `http://127.0.0.1:4566/apis/ecommerce-orders`. */
  apiUrl(app: string, api: string): string;
  /** When the app was deployed. */
  readonly createdAt: Date;
}

/**
 * An eventloom app as the CloudFormation API reports it: one stack named after the app, listing each
 * declared resource with AWS's type, a logical id and the physical id `Ref` returns on AWS.
 *
 * Logical ids are the logical name in PascalCase plus a suffix for the kind, unless it already ends
 * with it: `OrdersTable`, `OrdersDlqQueue` (but `syncQueue` → `SyncQueue`), `OrderEventsEventBus`,
 * `OrderPlacedRule`, `StorePipe`, `PlaceOrderFunction`, `OrdersHttpApi`, `UploadsBucket`,
 * `EventsStream`, and `<Function><Source>EventSourceMapping` for a queue, table-stream or Kinesis
 * trigger (a number is appended should two ids collide). Physical ids:
 * `<app>-<logical>` names, a queue's URL, `<bus>|<rule>` for a rule (a rule on a custom bus), a stable
 * UUID for an event-source mapping, the API id `<app>-<api>` for an HTTP API. The outputs are the ones
 * the CDK stack of the app declares (src/aws): each HTTP API's base URL and each table's `nameEnv`,
 * under the same output keys (`ORDERS_API_BASE_URL` → `OrdersApiBaseUrl`), the variable as description.
 *
 * @example
 * appStackRecord(shop, { queueUrl: (q) => sqs.queueUrl(q), apiUrl: cloud.apiUrl, createdAt: new Date() })
 * // { name: 'shop', resources: [{ logicalId: 'OrdersTable', physicalId: 'shop-orders', type: 'AWS::DynamoDB::Table' }, …], … }
 */
export function appStackRecord(app: AppDef, resolver: AppStackResolver): StackRecord {
  const name = (logical: string) => physicalName(app, logical);
  const resources = new ResourceList();
  for (const logical of Object.keys(app.tables ?? {})) resources.add(logical, 'Table', 'AWS::DynamoDB::Table', name(logical));
  for (const logical of Object.keys(app.queues ?? {})) resources.add(logical, 'Queue', 'AWS::SQS::Queue', resolver.queueUrl(name(logical)));
  for (const logical of Object.keys(app.buses ?? {})) resources.add(logical, 'EventBus', 'AWS::Events::EventBus', name(logical));
  for (const [logical, rule] of Object.entries(app.rules ?? {})) resources.add(logical, 'Rule', 'AWS::Events::Rule', `${name(rule.bus)}|${name(logical)}`);
  for (const logical of Object.keys(app.pipes ?? {})) resources.add(logical, 'Pipe', 'AWS::Pipes::Pipe', name(logical));
  for (const [logical, fn] of Object.entries(app.functions ?? {})) {
    resources.add(logical, 'Function', 'AWS::Lambda::Function', name(logical));
    (fn.triggers ?? []).forEach((trigger, index) => {
      if (trigger.type === 's3') return; // a bucket notification, part of the bucket on AWS
      const source = trigger.type === 'sqs' ? trigger.queue : trigger.type === 'kinesis' ? trigger.stream : trigger.table;
      const id = `${pascalCase(logical)}${pascalCase(source)}EventSourceMapping`;
      resources.addId(id, 'AWS::Lambda::EventSourceMapping', stableUuid(`${app.name}/${logical}/trigger/${index}`));
    });
  }
  for (const logical of Object.keys(app.httpApis ?? {})) resources.add(logical, 'HttpApi', 'AWS::ApiGatewayV2::Api', name(logical));
  for (const logical of Object.keys(app.buckets ?? {})) resources.add(logical, 'Bucket', 'AWS::S3::Bucket', name(logical));
  for (const logical of Object.keys(app.kinesisStreams ?? {})) resources.add(logical, 'Stream', 'AWS::Kinesis::Stream', name(logical));

  const outputs = [
    ...Object.entries(app.httpApis ?? {}).map(([api, def]) => ({
      key: outputId(def.baseUrlEnv ?? `${api}_API_BASE_URL`),
      value: resolver.apiUrl(app.name, api),
      description: def.baseUrlEnv ?? `${api} API base URL`,
    })),
    ...Object.entries(app.tables ?? {}).flatMap(([table, def]) => (def.nameEnv ? [{ key: outputId(def.nameEnv), value: name(table), description: def.nameEnv }] : [])),
  ];
  return {
    name: app.name,
    stackId: stackArn(app.name),
    description: `eventloom app ${app.name}`,
    createdAt: resolver.createdAt,
    parameters: [],
    outputs,
    resources: resources.records,
  };
}

/** `placeOrder` → `PlaceOrder`, `order-events` → `OrderEvents`: a logical id's characters are letters and digits only. */
export function pascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}

/** The output id the CDK stack gives a `.env` variable (src/aws/naming.ts `outputId`): `ORDERS_API_BASE_URL` → `OrdersApiBaseUrl`. */
export function outputId(envName: string): string {
  return pascalCase(envName.toLowerCase());
}

/** Resources in declaration order, with unique logical ids. */
class ResourceList {
  readonly records: StackResourceRecord[] = [];
  readonly #ids = new Set<string>();

  /** `orders` + `Table` → `OrdersTable`; a name already ending in the suffix keeps it once (`ordersQueue` → `OrdersQueue`). */
  add(logical: string, suffix: string, type: string, physicalId: string): void {
    const base = pascalCase(logical);
    this.addId(base.endsWith(suffix) ? base : `${base}${suffix}`, type, physicalId);
  }

  addId(wanted: string, type: string, physicalId: string): void {
    let logicalId = wanted;
    for (let n = 2; this.#ids.has(logicalId); n++) logicalId = `${wanted}${n}`;
    this.#ids.add(logicalId);
    this.records.push({ logicalId, physicalId, type });
  }
}
