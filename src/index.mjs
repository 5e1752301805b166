// The package's entry (`import { startCloud } from 'eventloom'`). eventloom ships TypeScript sources;
// they load through tsx in a namespace of their own, so the importing process's own module loading
// is left as it was. Types: dist/types/index.d.ts, made from src/index.ts at `npm pack`.
import { register } from 'tsx/esm/api';

const eventloom = register({ namespace: 'eventloom' });
const api = await eventloom.import('./index.ts', import.meta.url);

export const startCloud = api.startCloud;
export const SettleTimeoutError = api.SettleTimeoutError;
