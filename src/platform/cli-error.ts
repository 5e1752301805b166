/** An error whose message is the whole story for the user: printed without a stack, exit code 1. */
export class CliError extends Error {
  override readonly name = 'CliError';
}
