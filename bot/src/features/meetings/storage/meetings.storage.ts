import type { TableClients } from '../../../platform/storage/table-client.factory';
import { MEETING_POSTS_TABLE, MeetingPostMarkers } from './meeting-post.markers';

/** The meetings feature's own table (the links it reads and makes are the sessions feature's). */
export const MEETINGS_TABLES = [MEETING_POSTS_TABLE] as const;
export type MeetingsTable = (typeof MEETINGS_TABLES)[number];

export interface MeetingsStorage {
  /** At most one post per meeting, event kind and session. */
  markers: MeetingPostMarkers;
}

export function createMeetingsStorage(tables: TableClients<MeetingsTable>): MeetingsStorage {
  return { markers: new MeetingPostMarkers(tables.table(MEETING_POSTS_TABLE)) };
}
