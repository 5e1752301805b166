import { validateStack } from '../local-cloud/templates/index.ts';
import type { LoadedStack } from '../local-cloud/templates/types.ts';
import { CliError } from '../platform/cli-error.ts';

/**
 * Refuses stacks the local cloud cannot run as written — resource types it neither emulates nor
 * ignores (listed with what to do), functions that cannot run — and prints what it runs differently.
 * With `skipUnsupported`, the unsupported resources are dropped instead (and listed).
 */
export function checkSupport(stacks: readonly LoadedStack[], options: { skipUnsupported: boolean; log: (line: string) => void }): LoadedStack[] {
  const reports = stacks.map((stack) => ({ stack, report: validateStack(stack) }));
  for (const { report } of reports) {
    for (const warning of report.warnings) options.log(`warning: ${warning.file}: ${[warning.logicalId, warning.property].filter(Boolean).join('.')}: ${warning.message}`);
  }
  const problems = reports.flatMap(({ report }) => report.functionProblems.map((p) => `  ${p.logicalId}  (${p.file}): ${p.problem}`));
  if (problems.length > 0) throw new CliError(`These functions cannot run locally:\n${problems.join('\n')}\nFix the handler or code path, or use a nodejs* runtime.`);
  const unsupported = reports.flatMap(({ report }) => report.unsupported.map((u) => `  ${u.type}  ${u.logicalId}  (${u.file}): ${u.reason}`));
  if (unsupported.length > 0 && !options.skipUnsupported) {
    throw new CliError(
      `The local cloud does not run these resources:\n${unsupported.join('\n')}\n` +
        'Remove them from the template, or pass --skip-unsupported to start without them (anything referring to them then fails to resolve).',
    );
  }
  if (unsupported.length > 0) options.log(`skipping resources the local cloud does not run:\n${unsupported.join('\n')}`);
  return reports.map(({ stack, report }) => {
    const skipped = new Set(report.unsupported.map((u) => u.logicalId));
    return skipped.size === 0 ? stack : { ...stack, resources: stack.resources.filter((r) => !skipped.has(r.logicalId)), order: stack.order.filter((id) => !skipped.has(id)) };
  });
}
