import { LOWER_ALNUM, stableToken, stableUuid, UPPER_ALNUM } from './hash.ts';

/** How one service names a resource: the property that names it, and what a generated name may hold. */
export interface NameRule {
  /** The property that, when set, is the name exactly (`QueueName`, `TableName` …). */
  readonly property?: string;
  readonly maxLength: number;
  /** Characters the service accepts; others in the stack name or logical id become `-`. */
  readonly allowed: RegExp;
  readonly lowercase?: boolean;
}

/** Services whose resources are identified by a generated id rather than a name. */
type IdKind = 'apiId' | 'urlId' | 'uuid' | 'shortId';

const rule = (property: string | undefined, maxLength: number, allowed: RegExp, lowercase = false): NameRule => ({ property, maxLength, allowed, lowercase });

/** Per resource type, from each service's naming limits. */
export const NAME_RULES: Readonly<Record<string, NameRule>> = {
  'AWS::SQS::Queue': rule('QueueName', 80, /[A-Za-z0-9_-]/),
  'AWS::DynamoDB::Table': rule('TableName', 255, /[A-Za-z0-9_.-]/),
  'AWS::Lambda::Function': rule('FunctionName', 64, /[A-Za-z0-9_-]/),
  'AWS::S3::Bucket': rule('BucketName', 63, /[a-z0-9.-]/, true),
  'AWS::Kinesis::Stream': rule('Name', 128, /[A-Za-z0-9_.-]/),
  'AWS::Events::EventBus': rule('Name', 256, /[A-Za-z0-9/_.-]/),
  'AWS::Events::Rule': rule('Name', 64, /[A-Za-z0-9_.-]/),
  'AWS::Pipes::Pipe': rule('Name', 64, /[A-Za-z0-9_.-]/),
  'AWS::Scheduler::Schedule': rule('Name', 64, /[A-Za-z0-9_.-]/),
  'AWS::Scheduler::ScheduleGroup': rule('Name', 64, /[A-Za-z0-9_.-]/),
  'AWS::Logs::LogGroup': rule('LogGroupName', 512, /[A-Za-z0-9_./#-]/),
  'AWS::IAM::Role': rule('RoleName', 64, /[A-Za-z0-9_+=,.@-]/),
  'AWS::SNS::Topic': rule('TopicName', 256, /[A-Za-z0-9_-]/),
  'AWS::StepFunctions::StateMachine': rule('StateMachineName', 80, /[A-Za-z0-9_-]/),
  'AWS::ApiGatewayV2::Stage': rule('StageName', 128, /[A-Za-z0-9_$-]/),
};

const ID_KINDS: Readonly<Record<string, IdKind>> = {
  'AWS::ApiGatewayV2::Api': 'apiId',
  'AWS::Lambda::Url': 'urlId',
  'AWS::Lambda::EventSourceMapping': 'uuid',
  'AWS::ApiGatewayV2::Route': 'shortId',
  'AWS::ApiGatewayV2::Integration': 'shortId',
};

const GENERIC: NameRule = rule(undefined, 255, /[A-Za-z0-9_.-]/);

export interface PhysicalNameInput {
  readonly stackName: string;
  readonly logicalId: string;
  readonly type: string;
  /** The resource's resolved properties: an explicit name property wins. */
  readonly properties?: Readonly<Record<string, unknown>>;
}

/**
 * The physical name (or id) CloudFormation would give a resource: its explicit name property as is;
 * else `<stack>-<LogicalId>-<SUFFIX>` cut to the service's length and characters (S3 lowercase, a
 * FIFO queue ending `.fifo`); for an HTTP API, function URL, event source mapping, route or
 * integration, an id of AWS's shape. The suffix and ids are stable for the same stack and logical
 * id, so a restart finds its data again.
 */
export function physicalName({ stackName, logicalId, type, properties = {} }: PhysicalNameInput): string {
  const idKind = ID_KINDS[type];
  if (idKind !== undefined) return generatedId(idKind, `${stackName}/${logicalId}`);
  const nameRule = NAME_RULES[type] ?? GENERIC;
  const explicit = nameRule.property === undefined ? undefined : properties[nameRule.property];
  if (typeof explicit === 'string' && explicit !== '') return explicit;
  const fifo = type === 'AWS::SQS::Queue' && (properties.FifoQueue === true || properties.FifoQueue === 'true') ? '.fifo' : '';
  return generatedName(stackName, logicalId, nameRule, fifo);
}

/** `<stack>-<LogicalId>-<SUFFIX>` within `nameRule`, with an optional fixed ending (`.fifo`). */
export function generatedName(stackName: string, logicalId: string, nameRule: NameRule, ending = ''): string {
  const suffix = stableToken(`${stackName}/${logicalId}`, 12, nameRule.lowercase ? LOWER_ALNUM : UPPER_ALNUM);
  const clean = (text: string) => [...(nameRule.lowercase ? text.toLowerCase() : text)].map((c) => (nameRule.allowed.test(c) ? c : '-')).join('');
  const stack = clean(stackName);
  const logical = clean(logicalId);
  const available = nameRule.maxLength - suffix.length - ending.length - 2;
  if (stack.length + logical.length <= available) return `${stack}-${logical}-${suffix}${ending}`;
  // Too long: cut both, keeping at least half the room for the logical id, which tells resources apart.
  const logicalPart = logical.slice(0, Math.max(available - stack.length, Math.floor(available / 2)));
  const stackPart = stack.slice(0, available - logicalPart.length);
  return `${stackPart}-${logicalPart}-${suffix}${ending}`;
}

function generatedId(kind: IdKind, seed: string): string {
  switch (kind) {
    case 'apiId':
      return stableToken(seed, 10, LOWER_ALNUM);
    case 'urlId':
      return stableToken(seed, 32, LOWER_ALNUM);
    case 'uuid':
      return stableUuid(seed);
    case 'shortId':
      return stableToken(seed, 7, LOWER_ALNUM);
  }
}
