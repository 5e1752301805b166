import { startLocalCloud } from './src/local-cloud/cloud.ts';
const cloud = await startLocalCloud({ apps: [], port: 4720 });
console.log('ready');
process.on('SIGINT', async () => { await cloud.stop(); process.exit(0); });
