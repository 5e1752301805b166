/** A local cloud that cannot start as asked; `message` names the fix. */
export class LocalCloudError extends Error {
  override readonly name = 'LocalCloudError';
}
