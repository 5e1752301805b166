// A user's CDK app (cdk.json: `node cdk-app.mjs`), synthesized by `eventloom up --cdk .`.
import { App, CfnOutput, Stack } from 'aws-cdk-lib';
import { Code, Function, Runtime } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue } from 'aws-cdk-lib/aws-sqs';

const app = new App();
const stack = new Stack(app, 'CdkShop');
const queue = new Queue(stack, 'Orders');
const worker = new Function(stack, 'Worker', { runtime: Runtime.NODEJS_20_X, handler: 'app.ship', code: Code.fromAsset('src') });
worker.addEventSource(new SqsEventSource(queue));
new CfnOutput(stack, 'OrdersQueueUrl', { value: queue.queueUrl });
app.synth();
