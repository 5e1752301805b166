/**
 * What the CloudFormation API reports about a deployed stack: an eventloom app (one stack named after
 * the app) or a loaded CloudFormation/SAM template or cloud-assembly stack.
 */
export interface StackRecord {
  /** The stack name, e.g. `ecommerce` or `sqs-lambda`. */
  readonly name: string;
  /** `arn:aws:cloudformation:<region>:<account>:stack/<name>/<uuid>`, stable for a name. */
  readonly stackId: string;
  readonly description?: string;
  /** When the stack was deployed in this run of the cloud. */
  readonly createdAt: Date;
  /** `Parameters` of a template with the values used (default or `--parameter`); empty for an app. */
  readonly parameters: readonly { readonly key: string; readonly value: string }[];
  /** Resolved `Outputs` (OutputKey → value), with their description and export name when declared. */
  readonly outputs: readonly { readonly key: string; readonly value: string; readonly description?: string; readonly exportName?: string }[];
  /** Every resource of the stack, including the ones only AWS needs (IAM roles, permissions), which are no-ops locally. */
  readonly resources: readonly StackResourceRecord[];
}

export interface StackResourceRecord {
  readonly logicalId: string;
  /** What `Ref` returns on AWS for most types: a queue URL, a table name, a function name, an API id … */
  readonly physicalId: string;
  /** AWS's resource type, e.g. `AWS::SQS::Queue`. */
  readonly type: string;
}

/** The stacks the cloud runs, for the CloudFormation API and the inspector. */
export interface StackRegistry {
  list(): readonly StackRecord[];
  get(name: string): StackRecord | undefined;
}
