// Sessions' public face (docs/architecture.md): the feature, the session model meetings,
// polls and reports read, and how a Teams meeting maps to a session.
export { createSessionsFeature } from './sessions.feature';
export { nextSession, type Session, type SessionRepository } from './domain/session';
export { meetingThreadKey, sessionAt, type MeetingLinkStore } from './domain/meeting-link';
export { SESSION_ID } from './cards/payloads';
export type { SessionsRepositories } from './sessions.feature';
