import type { Caller } from './identity';
import type { Language } from './languages';
import type { Repositories } from './ports';
import { retryOnConflict } from './retry-on-conflict';

/**
 * A person's own language is theirs, not a group's: it is kept on each of their member rows
 * (personal chat has no team, so any of them answers), written only by the person.
 */
export async function personalLanguage(repos: Pick<Repositories, 'members'>, caller: Caller): Promise<Language | undefined> {
  for (const ref of await repos.members.groupsOf(caller.tenantId, caller.aadObjectId)) {
    const language = (await repos.members.get(ref, caller.aadObjectId))?.value.language;
    if (language) return language;
  }
  return undefined;
}

/** Sets the caller's language on every member row of theirs (each write checks the row's ETag); how many rows there were. */
export async function setPersonalLanguage(repos: Pick<Repositories, 'members'>, caller: Caller, language: Language): Promise<number> {
  const refs = await repos.members.groupsOf(caller.tenantId, caller.aadObjectId);
  let written = 0;
  for (const ref of refs) {
    await retryOnConflict(async () => {
      const m = await repos.members.get(ref, caller.aadObjectId);
      if (!m) return;
      if (m.value.language !== language) await repos.members.update({ ...m.value, language }, m.etag);
      written++;
    });
  }
  return written;
}
