import type { i18n } from 'i18next';
import type { Clock } from '../../kernel/clock';
import type { Repositories } from '../../kernel/ports';
import type { RolePolicy } from '../../kernel/roles';
import type { Logger } from '../logging/logger';
import type { FeatureRegistry } from './feature-registry';

export interface BotDeps {
  repos: Repositories;
  roles: RolePolicy;
  clock: Clock;
  i18n: i18n;
  logger: Logger;
  /** Empty = any tenant (local development only; production requires the list). */
  allowedTenantIds: readonly string[];
  registry: FeatureRegistry;
}
