// Polls' public face (docs/architecture.md): the feature, and the poll model reports read.
export { createPollsFeature } from './polls.feature';
export { canSeeResults, type Poll } from './domain/poll';
export type { PollRepository } from './domain/ports';
export { computeResults, type PollResults } from './domain/results';
