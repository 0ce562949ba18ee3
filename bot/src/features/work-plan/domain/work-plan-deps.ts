import type { Clock } from '../../../kernel/clock';
import type { Repositories } from '../../../kernel/ports';
import type { RolePolicy } from '../../../kernel/roles';
import type { Scheduler } from '../../../kernel/scheduling';
import type { ActionItemRepository, WorkPlanSettingsRepository } from './ports';

export interface WorkPlanDeps {
  repos: Repositories;
  roles: RolePolicy;
  clock: Clock;
  items: ActionItemRepository;
  settings: WorkPlanSettingsRepository;
  scheduler: Scheduler;
}
