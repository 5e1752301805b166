/**
 * The CDK app entry (cdk.json runs it): one stack per registered app.
 * Context: `stage` (default dev), `prefix` (default eventloom), `enableTestingApi` (default false).
 */
import { App } from 'aws-cdk-lib';
import { optionsFromContext } from './options.ts';
import { buildCdkApp } from './synth.ts';

const app = new App();
buildCdkApp(optionsFromContext((key) => app.node.tryGetContext(key)), app);
app.synth();
