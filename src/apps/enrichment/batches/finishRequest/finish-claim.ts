import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * How long a claim keeps other finishers out: past the finisher's 300 s timeout (the run holding it
 * is over by then, finished or killed) and short of the finish queue's 360 s visibility timeout (so
 * the message of a run that died is redelivered after its claim lapsed, and takes it over).
 */
export const FINISH_LEASE_MS = 330_000;

/** Takes the right to assemble a request's output: true for exactly one of any finishers racing. */
export type FinishClaim = (requestId: string, now: string) => Promise<boolean>;

/**
 * Several finish messages can exist for one request (the last batch workers each queue one, and a
 * message can be redelivered), and each would assemble `output.json` again, one run rewriting it
 * after another had already completed the request. The claim is a conditional write on the status
 * record (`finishClaimedAt`): granted while the request is `processing` with every batch counted
 * and no live claim exists; status and `getEnrichment`'s answer are untouched.
 */
export function finishClaim(client: DynamoDBDocumentClient, table: string, leaseMs = FINISH_LEASE_MS): FinishClaim {
  return async (requestId, now) => {
    const lapsed = new Date(Date.parse(now) - leaseMs).toISOString();
    try {
      await client.send(
        new UpdateCommand({
          TableName: table,
          Key: { requestId },
          UpdateExpression: 'SET finishClaimedAt = :now',
          ConditionExpression: '#status = :processing AND processedBatches >= totalBatches AND (attribute_not_exists(finishClaimedAt) OR finishClaimedAt < :lapsed)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':now': now, ':processing': 'processing', ':lapsed': lapsed },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  };
}
