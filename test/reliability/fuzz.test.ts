import { describeFuzzSuite } from './fuzz/suite.ts';

// CI variant: a few requests per route, fixed seed (FUZZ_RUNS, FUZZ_SEED override).
describeFuzzSuite({ variant: 'CI', runsPerRoute: 25 });
