// The decision register's public face (docs/architecture.md): the feature, the form polls
// prefill, the read side reports use, and what the verifying CLI needs.
export { createDecisionsFeature, decisionFormCard } from './decisions.feature';
export { linkDirectory } from './chat/link-directory';
export type { DecisionKind, DecisionRecord, DecisionStatus } from './domain/decision';
export type { StatusOf } from './domain/decision-record';
export { decisionsFor, verifyGroupChain, type ReadDeps } from './domain/find-decisions.use-case';
export { parseAnchor, SHORT_HASH_LENGTH, type ChainAnchor } from './domain/chain-anchor';
export { parseCheckpoint } from './domain/checkpoint';
export type { DecisionStore, PseudonymStore, RegisterLocation } from './domain/ports';
export { describeVerification } from './cards/verification-text';
