import { describeFuzzSuite } from './fuzz/suite.ts';

// Long variant (`npm run test:reliability -- fuzz.long`): ten times the CI variant's requests.
describeFuzzSuite({ variant: 'long', runsPerRoute: 250 });
