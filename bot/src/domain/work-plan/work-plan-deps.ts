import type { Clock } from '../clock';
import type { Repositories } from '../ports';
import type { RolePolicy } from '../roles';
import type { Scheduler } from '../scheduling';
import type { ActionItemRepository, WorkPlanSettingsRepository } from './ports';

export interface WorkPlanDeps {
  repos: Repositories;
  roles: RolePolicy;
  clock: Clock;
  items: ActionItemRepository;
  settings: WorkPlanSettingsRepository;
  scheduler: Scheduler;
}
