/** One problem in a topology declaration, located by a dotted path such as `rules.orderPlaced.targets[0].queue`. */
export interface TopologyIssue {
  readonly path: string;
  readonly message: string;
}

/** A topology declaration that cannot run; `issues` lists every problem found, not just the first. */
export class TopologyError extends Error {
  override readonly name = 'TopologyError';
  readonly app: string;
  readonly issues: readonly TopologyIssue[];

  constructor(app: string, issues: readonly TopologyIssue[]) {
    const lines = issues.map((issue) => `  - ${app}.${issue.path}: ${issue.message}`);
    super(`Invalid topology for app "${app}" (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${lines.join('\n')}`);
    this.app = app;
    this.issues = issues;
  }
}
