import type { GroupRef } from '../../../kernel/identity';
import type { Created, RequestKey } from '../../../kernel/idempotency';
import type { Versioned } from '../../../kernel/versioned';
import type { ActionItem, HistoryEntry } from './action-item';
import type { WorkPlanSettings } from './work-plan-settings';

export type NewItem = Omit<ActionItem, 'number' | 'revision'>;
export type NewHistory = Omit<HistoryEntry, 'number' | 'revision'>;

/**
 * Action items and their append-only history. Writes take the ETag read: a stale one fails
 * with QuorumError('concurrent-update').
 */
export interface ActionItemRepository {
  get(group: GroupRef, number: number): Promise<Versioned<ActionItem> | undefined>;
  list(group: GroupRef): Promise<ActionItem[]>;
  /** The same items, each with the ETag it was read at (a client edits from the list without reading again). */
  listVersioned(group: GroupRef): Promise<Versioned<ActionItem>[]>;
  /**
   * Allocates the next reference and stores the item with its first history entry, atomically,
   * and with the request's key when given: a repeat of that request answers the item it created.
   */
  create(item: NewItem, entry: NewHistory, key?: RequestKey): Promise<Created<Versioned<ActionItem>>>;
  /** Replaces the item (if its ETag still matches: `previous` is what was read with it) and appends the entries, atomically. */
  update(item: ActionItem, etag: string, entries: NewHistory[], previous: ActionItem): Promise<Versioned<ActionItem>>;
  /**
   * The open items a person owns or their organisation holds, read through an index (the cost
   * follows those items, not the plan); undefined until the group's index is built.
   */
  openOf(group: GroupRef, mine: { aadObjectId: string; organisation?: string }): Promise<ActionItem[] | undefined>;
  /** Deletes the item (if unchanged): it is no longer listed, its reference is not reused and its history stays, ending with the deletion. */
  remove(item: ActionItem, etag: string, entry: NewHistory): Promise<void>;
  history(group: GroupRef, number: number): Promise<HistoryEntry[]>;
}

export interface WorkPlanSettingsRepository {
  get(group: GroupRef): Promise<Versioned<WorkPlanSettings> | undefined>;
  /** Creates (no etag) or replaces (etag) the settings. */
  save(settings: WorkPlanSettings, etag: string | undefined): Promise<Versioned<WorkPlanSettings>>;
  /** Entra object id → organisation, for the group's members. */
  memberOrganisations(group: GroupRef): Promise<Map<string, string>>;
  setMemberOrganisation(group: GroupRef, aadObjectId: string, organisation: string | undefined): Promise<void>;
}

/** What sessions read: the group's open items. */
export interface OpenItemSummary {
  id: string;
  ref: string;
  title: string;
  owner?: { aadObjectId?: string; name?: string; organisation?: string };
  status: string;
  due?: string;
}

export interface OpenItemsSource {
  openItems(group: GroupRef): Promise<OpenItemSummary[]>;
}
