import type { TableClients } from '../../../platform/storage/table-client.factory';
import type { DecisionStore, PseudonymRegistry } from '../domain/ports';
import { DECISION_TABLES } from './decision.entities';
import { TableDecisionStore } from './decision.repository';
import { TablePseudonymStore } from './pseudonym.repository';

/** The register's tables, in the catalogue the composition root assembles. */
export const DECISIONS_TABLES = [DECISION_TABLES.chain, DECISION_TABLES.people] as const;
export type DecisionsTable = (typeof DECISIONS_TABLES)[number];

export interface DecisionsStorage {
  /** The hash-chained records and each group's head. */
  store: DecisionStore;
  people: PseudonymRegistry;
}

export function createDecisionsStorage(tables: TableClients<DecisionsTable>): DecisionsStorage {
  return { store: new TableDecisionStore(tables.table(DECISION_TABLES.chain)), people: new TablePseudonymStore(tables.table(DECISION_TABLES.people)) };
}
