export { ActivityFeed, type ActivityFeedOptions, type ActivityListener } from './feed.ts';
export { CLIENT, invocationSource, participant, participantOfArn } from './participants.ts';
export { ACTIVITY_KINDS, activityView, type Activity, type ActivityInput, type ActivityKind, type ActivityOutcome, type ActivityView } from './types.ts';
