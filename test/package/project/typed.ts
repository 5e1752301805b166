// A TypeScript user's view of the package's types (checked with tsc, never run).
import { SettleTimeoutError, startCloud, type Cloud, type StartCloudOptions } from 'eventloom';

const options: StartCloudOptions = { template: ['template.yaml'], parameters: { Stage: 'test' }, port: 0 };
const cloud: Cloud = await startCloud(options);
try {
  await cloud.settled({ timeoutMs: 1_000 });
} catch (error) {
  if (error instanceof SettleTimeoutError) console.log(error.busy.join('\n'));
}
const endpoint: string = cloud.endpoints.sqs;
const apiUrl: string | undefined = cloud.outputs.ApiUrl;
console.log(endpoint, apiUrl, cloud.env.AWS_REGION);
await cloud.stop();
