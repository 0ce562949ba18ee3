// Meetings' public face (docs/architecture.md): the feature (Teams meeting events and chats).
export { createMeetingsFeature } from './meetings.feature';
