import type { GroupRef } from '../../../kernel/identity';
import type { ReadCache } from '../../../platform/storage/read-cache';
import type { WorkPlanSettingsRepository } from '../domain/ports';

const settingsKey = (g: GroupRef) => ['workPlanSettings', g.tenantId, g.teamId].join('\u0000');
const organisationsKey = (g: GroupRef) => ['memberOrganisations', g.tenantId, g.teamId].join('\u0000');

/**
 * A group's settings read once per turn however many steps ask (a cache without a lifetime:
 * docs/caching.md). Not kept across turns: reminders are scheduled from them, and a cadence
 * changed on another instance a moment ago must not schedule one at the old time.
 */
export function turnReadSettings(inner: WorkPlanSettingsRepository, cache: ReadCache): WorkPlanSettingsRepository {
  return {
    get: (group) => cache.read(settingsKey(group), () => inner.get(group)),
    memberOrganisations: (group) => cache.read(organisationsKey(group), () => inner.memberOrganisations(group)),
    save: (s, etag) => cache.writing([settingsKey(s)], () => inner.save(s, etag)),
    setMemberOrganisation: (group, aadObjectId, organisation) => cache.writing([organisationsKey(group)], () => inner.setMemberOrganisation(group, aadObjectId, organisation)),
  };
}
