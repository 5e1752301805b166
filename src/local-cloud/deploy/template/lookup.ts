import { arn, LOCAL_ACCOUNT_ID } from '../../identity.ts';
import { physicalName } from '../../templates/physical-names.ts';
import type { LoadedStack, ResourceLookup, TemplateResource } from '../../templates/types.ts';
import { TemplateError } from '../../templates/errors.ts';
import type { ResourceNames } from '../names.ts';
import type { DeployedStorage } from '../plan.ts';

export interface TemplateLookupOptions {
  names: ResourceNames;
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Another loaded stack's export (`Fn::ImportValue`). */
  importValue?(exportName: string): string;
}

/**
 * What `Ref` and `Fn::GetAtt` answer for a template's resources on the local cloud: AWS's values
 * (a queue's URL, a table's name, a function's name, an API's id), local URLs for endpoints, and
 * the stream ARN DynamoDB Local chose once the storage exists.
 */
export class TemplateLookup implements ResourceLookup {
  private readonly resources: ReadonlyMap<string, TemplateResource>;
  private readonly names = new Map<string, string>();
  private storage: DeployedStorage | undefined;

  constructor(
    private readonly stack: LoadedStack,
    private readonly options: TemplateLookupOptions,
  ) {
    this.resources = new Map(stack.resources.map((resource) => [resource.logicalId, resource]));
  }

  /** Stream ARNs become available once the tables exist. */
  withStorage(storage: DeployedStorage): this {
    this.storage = storage;
    return this;
  }

  importValue(exportName: string): string {
    if (!this.options.importValue) throw new TemplateError(`No loaded stack exports "${exportName}" (Fn::ImportValue).`, { file: this.stack.file });
    return this.options.importValue(exportName);
  }

  /** The resource's physical name or id (its explicit name property wins). */
  name(logicalId: string): string {
    const known = this.names.get(logicalId);
    if (known !== undefined) return known;
    const resource = this.resource(logicalId);
    // Only the naming property is resolved here: other properties may refer back to this resource.
    const nameProperty = NAME_PROPERTIES[resource.type];
    const properties: Record<string, unknown> = {};
    if (nameProperty && resource.properties[nameProperty] !== undefined) {
      properties[nameProperty] = this.stack.resolver.resolve(resource.properties[nameProperty], this, { logicalId, property: `Properties.${nameProperty}` });
    }
    if (resource.type === 'AWS::SQS::Queue') properties.FifoQueue = resource.properties.FifoQueue;
    const name = physicalName({ stackName: this.stack.name, logicalId, type: resource.type, properties });
    this.names.set(logicalId, name);
    return name;
  }

  ref(logicalId: string): string {
    const resource = this.resource(logicalId);
    const name = this.name(logicalId);
    switch (resource.type) {
      case 'AWS::SQS::Queue':
        return this.options.names.queueUrl(name);
      case 'AWS::IAM::ManagedPolicy':
      case 'AWS::SNS::Topic':
        return arn(resource.type === 'AWS::SNS::Topic' ? 'sns' : 'iam', name, resource.type === 'AWS::SNS::Topic' ? undefined : '');
      case 'AWS::Lambda::Version':
        return `${this.functionArnOf(resource)}:1`;
      case 'AWS::Lambda::Alias':
        return `${this.functionArnOf(resource)}:${String(this.resolveProperty(resource, 'Name') ?? 'live')}`;
      case 'AWS::Scheduler::Schedule':
      case 'AWS::Pipes::Pipe':
      default:
        return name;
    }
  }

  getAtt(logicalId: string, attribute: string): string {
    const resource = this.resource(logicalId);
    const name = this.name(logicalId);
    const missing = () => new TemplateError(`Fn::GetAtt ${logicalId}.${attribute}: a ${resource.type} has no such attribute locally.`, { file: this.stack.file, logicalId });
    switch (resource.type) {
      case 'AWS::SQS::Queue':
        if (attribute === 'Arn') return this.options.names.queueArn(name);
        if (attribute === 'QueueName') return name;
        if (attribute === 'QueueUrl') return this.options.names.queueUrl(name);
        throw missing();
      case 'AWS::DynamoDB::Table':
        if (attribute === 'Arn') return arn('dynamodb', `table/${name}`);
        if (attribute === 'StreamArn') return this.streamArn(logicalId, name);
        throw missing();
      case 'AWS::Lambda::Function':
        if (attribute === 'Arn') return this.options.names.functionArn(name);
        throw missing();
      case 'AWS::Events::EventBus':
        if (attribute === 'Arn') return this.options.names.busArn(name);
        if (attribute === 'Name') return name;
        throw missing();
      case 'AWS::Events::Rule':
        if (attribute === 'Arn') return arn('events', `rule/${this.ruleBus(resource)}${name}`);
        throw missing();
      case 'AWS::S3::Bucket':
        if (attribute === 'Arn') return `arn:aws:s3:::${name}`;
        if (attribute === 'DomainName' || attribute === 'RegionalDomainName') return `${name}.s3.amazonaws.com`;
        if (attribute === 'WebsiteURL') return `${this.options.url}/${name}`;
        throw missing();
      case 'AWS::Kinesis::Stream':
        if (attribute === 'Arn') return this.storage?.kinesisStreams.get(name)?.streamArn ?? arn('kinesis', `stream/${name}`);
        throw missing();
      case 'AWS::ApiGatewayV2::Api':
        if (attribute === 'ApiEndpoint') return `${this.options.url}/apis/${name}`;
        if (attribute === 'ApiId') return name;
        throw missing();
      case 'AWS::Lambda::Url':
        if (attribute === 'FunctionUrl') return `${this.options.url}/lambda-url/${name}/`;
        if (attribute === 'FunctionArn') return this.functionArnOf(resource);
        throw missing();
      case 'AWS::IAM::Role':
        if (attribute === 'Arn') return `arn:aws:iam::${LOCAL_ACCOUNT_ID}:role/${name}`;
        if (attribute === 'RoleId') return `AROA${name.replace(/[^A-Za-z0-9]/g, '').slice(0, 17).toUpperCase()}`;
        throw missing();
      case 'AWS::Pipes::Pipe':
        if (attribute === 'Arn') return arn('pipes', `pipe/${name}`);
        throw missing();
      case 'AWS::Scheduler::Schedule':
        if (attribute === 'Arn') return arn('scheduler', `schedule/${String(this.resolveProperty(resource, 'GroupName') ?? 'default')}/${name}`);
        throw missing();
      case 'AWS::Scheduler::ScheduleGroup':
        if (attribute === 'Arn') return arn('scheduler', `schedule-group/${name}`);
        throw missing();
      case 'AWS::Logs::LogGroup':
        if (attribute === 'Arn') return arn('logs', `log-group:${name}:*`);
        throw missing();
      case 'AWS::SNS::Topic':
        if (attribute === 'TopicArn') return arn('sns', name);
        if (attribute === 'TopicName') return name;
        throw missing();
      case 'AWS::Lambda::EventSourceMapping':
        if (attribute === 'Id') return name;
        throw missing();
      default:
        if (attribute === 'Arn') return arn(serviceOf(resource.type), name);
        throw missing();
    }
  }

  /** A resource's property, resolved (for the few attributes that depend on one). */
  private resolveProperty(resource: TemplateResource, property: string): unknown {
    const value = resource.properties[property];
    return value === undefined ? undefined : this.stack.resolver.resolve(value, this, { logicalId: resource.logicalId, property: `Properties.${property}` });
  }

  private functionArnOf(resource: TemplateResource): string {
    const target = String(this.resolveProperty(resource, resource.type === 'AWS::Lambda::Url' ? 'TargetFunctionArn' : 'FunctionName') ?? '');
    return target.startsWith('arn:') ? target.split(':').slice(0, 7).join(':') : this.options.names.functionArn(target);
  }

  private ruleBus(resource: TemplateResource): string {
    const bus = String(this.resolveProperty(resource, 'EventBusName') ?? 'default');
    const name = bus.startsWith('arn:') ? bus.slice(bus.indexOf('event-bus/') + 'event-bus/'.length) : bus;
    return name === 'default' ? '' : `${name}/`;
  }

  private streamArn(logicalId: string, name: string): string {
    if (!this.storage) throw new TemplateError(`Fn::GetAtt ${logicalId}.StreamArn is known once the table exists; it cannot name another storage resource.`, { file: this.stack.file, logicalId });
    const streamArn = this.storage.tableStreams.get(name);
    if (!streamArn) throw new TemplateError(`Fn::GetAtt ${logicalId}.StreamArn: the table has no StreamSpecification.`, { file: this.stack.file, logicalId });
    return streamArn;
  }

  private resource(logicalId: string): TemplateResource {
    const resource = this.resources.get(logicalId);
    if (!resource) throw new TemplateError(`Unknown resource ${logicalId}.`, { file: this.stack.file, logicalId });
    return resource;
  }
}

const NAME_PROPERTIES: Readonly<Record<string, string>> = {
  'AWS::SQS::Queue': 'QueueName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::Kinesis::Stream': 'Name',
  'AWS::Events::EventBus': 'Name',
  'AWS::Events::Rule': 'Name',
  'AWS::Pipes::Pipe': 'Name',
  'AWS::Scheduler::Schedule': 'Name',
  'AWS::Scheduler::ScheduleGroup': 'Name',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::SNS::Topic': 'TopicName',
};

function serviceOf(type: string): string {
  return (type.split('::')[1] ?? 'cloudformation').toLowerCase();
}
