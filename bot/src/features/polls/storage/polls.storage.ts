import type { PersonRows } from '../../../kernel/person-data';
import type { TableClients } from '../../../platform/storage/table-client.factory';
import type { PollRepository, PollSettingsRepository } from '../domain/ports';
import { PollPersonRows } from './poll-person-rows';
import { TablePollSettingsRepository } from './poll-settings.repository';
import { TablePollRepository } from './poll.repository';

/** The polls feature's tables, in the catalogue the composition root assembles. */
export const POLLS_TABLES = ['polls', 'pollIndex', 'pollSettings'] as const;
export type PollsTable = (typeof POLLS_TABLES)[number];

export interface PollsStorage {
  polls: PollRepository;
  settings: PollSettingsRepository;
  /** Polls created or closed by a person, their ballots and "has voted" markers. */
  person: PersonRows;
}

/** Built once, by the composition root: one repository per process keeps its shard leases and ballot queues shared. */
export function createPollsStorage(tables: TableClients<PollsTable>): PollsStorage {
  return {
    polls: new TablePollRepository(tables.table('polls'), tables.table('pollIndex')),
    settings: new TablePollSettingsRepository(tables.table('pollSettings')),
    person: new PollPersonRows(tables.table('polls'), tables.table('pollIndex')),
  };
}
