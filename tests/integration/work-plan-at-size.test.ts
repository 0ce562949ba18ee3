import { startBotConnector, type BotConnector } from '../fakes/bot-connector';
import { loadActivity, teamsChannelAccount, TEAM, TENANT_ID, USERS, type ActivityOverrides, type UserKey } from '../fixtures/activities';
import { cardsIn } from '../support/bot-harness';
import { actionsOf, inputsOf, untouchedValues } from '../support/card-inputs';
import { startTestService, type TestService } from '../support/service';
import { testRepositories } from '../support/storage';
import { guid, itemTitle, organisationNames, seedItems, sizedMembers, type ItemSeed } from '../support/group-at-size';
import { MAX_CARD_CHARS } from '../../bot/src/platform/cards/render';
import { ORGANISATIONS_TEXT_MAX } from '../../bot/src/features/work-plan/domain/work-plan-settings';
import { NO_OWNER, STATIC_CHOICES } from '../../bot/src/features/work-plan/cards/pickers';
import { createI18n, translator } from '../../bot/src/platform/i18n/i18n';
import type { QuorumRepositories } from '../../bot/src/features/storage';

// Real storage and HTTP, and hundreds of rows: give the setup room on a busy machine.
jest.setTimeout(120_000);

/**
 * The work-plan's cards for a group at its real size — 200 members who all have an
 * organisation, 100 organisations of 60 characters, 300 then 500 action items with
 * 90-character titles — each built by the running service, measured, and read for what a
 * user needs from it: counts, the most urgent items, "and N more" with a link to the rest.
 */
const BASE = 'https://quorum.example.org';
const OTHER_TENANT = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const group = { tenantId: TENANT_ID, teamId: TEAM.id };
const en = translator(createI18n(), 'en');
const MONDAY = new Date('2027-03-01T10:00:00Z');
const DIGEST_AT = new Date('2027-03-08T09:00:30Z');
const ORGS = organisationNames(100, 60);
const MEMBERS = sizedMembers(group, 200);
/** One member whose name nobody else shares, to search for. */
MEMBERS[137] = { ...MEMBERS[137]!, name: 'Zoë Ñúñez-Okonkwo' };

type Card = Record<string, unknown>;
interface Found {
  status: number;
  body: { type?: string; value?: { results: { title: string; value: string }[] } };
}

const sizes: [string, number][] = [];
const measure = (name: string, card: unknown) => {
  const size = JSON.stringify(card).length;
  sizes.push([name, size]);
  return size;
};

describe('the work-plan at a realistic size', () => {
  let connector: BotConnector;
  let service: TestService;
  let repos: QuorumRepositories;
  const clock = { at: MONDAY };

  const post = (o: ActivityOverrides & { name?: string; value?: unknown }) => service.post(loadActivity('invoke-adaptive-card-action', { serviceUrl: connector.url, ...o }));
  const execute = async (from: UserKey, verb: string, data: Record<string, unknown>) =>
    ((await post({ from, cardAction: { verb, data: { teamId: TEAM.id, ...data } } })).body as { type: string; value: Card }).value;
  const say = async (from: UserKey, text: string): Promise<Card[]> => {
    connector.clear();
    await service.post(loadActivity('personal-message', { serviceUrl: connector.url, from, text }));
    return cardsIn(connector.activities()).map((c) => JSON.parse(c) as Card);
  };
  /** An `application/search` invoke as Teams sends it for a typeahead Input.ChoiceSet. */
  const search = async (from: ActivityOverrides['from'], dataset: string, queryText: string, top = 15, extra: ActivityOverrides = {}): Promise<Found> => {
    const activity = {
      ...loadActivity('invoke-adaptive-card-action', { from, serviceUrl: connector.url, ...extra }),
      name: 'application/search',
      value: { queryText, queryOptions: { skip: 0, top }, dataset },
    };
    return (await service.post(activity)) as Found;
  };
  const input = (card: unknown, id: string) => inputsOf(card).find((i) => i.id === id)!;
  const choicesOf = (card: unknown, id: string) => (input(card, id).node.choices as { title: string; value: string }[]) ?? [];

  beforeAll(async () => {
    connector = await startBotConnector();
    connector.setTeam({ id: TEAM.id, name: TEAM.name, aadGroupId: TEAM.aadGroupId });
    const roster = (['amina', 'lars', 'sofia'] as const).map((u) => teamsChannelAccount(u));
    connector.setMembers(TEAM.id, roster);
    connector.setMembers(TEAM.selectedChannel.id, roster);
    service = await startTestService({ INITIAL_CO_CHAIRS: `${TENANT_ID}:${USERS.amina.aadObjectId}`, PUBLIC_BASE_URL: BASE }, { clock: { now: () => clock.at } });
    repos = testRepositories(service.tables);
    await service.post(loadActivity('bot-added-to-team', { serviceUrl: connector.url }));
    for (const m of MEMBERS) await repos.members.upsertProfile(m);
  }, 300_000);

  afterAll(async () => {
    console.log(`work-plan cards at size (JSON characters, budget ${MAX_CARD_CHARS}):\n${sizes.map(([n, s]) => `  ${n}: ${s}`).join('\n')}`);
    await service?.stop();
    await connector?.stop();
  });

  it("a new group's settings card draws no choice list without choices", async () => {
    const [card] = await say('amina', 'settings');
    for (const i of inputsOf(card).filter((x) => x.type === 'Input.ChoiceSet')) expect((i.node.choices as unknown[]).length).toBeGreaterThan(0);
    expect(JSON.stringify(card)).toContain(en('workPlan.settings.noOrganisationsYet'));
  });

  it('settings with 100 organisations of 60 characters: the box holds them all, and saving from the card keeps every one', async () => {
    const saved = await execute('amina', 'workplan.settings.save', { timeZone: 'UTC', organisations: ORGS.join('\n') });
    expect(JSON.stringify(saved)).toContain('Settings saved');
    for (const [i, m] of MEMBERS.entries()) await repos.workPlan.settings.setMemberOrganisation(group, m.aadObjectId, ORGS[i % ORGS.length]);

    const [card] = await say('amina', 'settings');
    expect(measure('settings (200 members with an organisation, 100 organisations)', card)).toBeLessThan(MAX_CARD_CHARS);
    const box = input(card, 'organisations');
    expect(box.value).toBe(ORGS.join('\n'));
    expect(box.node.maxLength).toBe(ORGANISATIONS_TEXT_MAX);
    expect(String(box.value).length).toBeLessThanOrEqual(Number(box.node.maxLength));
    // Saved again as drawn: nothing cut.
    const save = actionsOf(card).find((a) => a.verb === 'workplan.settings.save')!;
    await execute('amina', 'workplan.settings.save', { ...untouchedValues(card), ...save.data });
    expect((await repos.workPlan.settings.get(group))?.value.organisations).toEqual(ORGS);
  });

  it('refuses a list of organisations longer than the box, instead of cutting it', async () => {
    const before = (await repos.workPlan.settings.get(group))?.etag;
    const tooMany = [...ORGS, 'One more organisation'].join('\n');
    expect(JSON.stringify(await execute('amina', 'workplan.settings.save', { organisations: tooMany }))).toContain(en('workPlan.errors.badOrganisations'));
    const tooLong = await post({ from: 'amina', cardAction: { verb: 'workplan.settings.save', data: { teamId: TEAM.id, organisations: 'x'.repeat(ORGANISATIONS_TEXT_MAX + 1) } } });
    expect(JSON.stringify(tooLong.body)).not.toContain('Settings saved');
    expect((await repos.workPlan.settings.get(group))?.etag).toBe(before);
  });

  it('the settings card counts the members with an organisation and picks a member by search', async () => {
    const [card] = await say('amina', 'settings');
    const text = JSON.stringify(card);
    expect(text).toContain(en('workPlan.settings.membersSummary', { count: 200, total: 203 }));
    expect(text).toContain(en('workPlan.settings.moreMembers', { count: 190 }));
    const picker = input(card, 'memberId');
    expect(picker.node.style).toBe('filtered');
    expect(picker.node['choices.data']).toEqual({ type: 'Data.Query', dataset: `workplan.members|${TEAM.id}` });
    expect(choicesOf(card, 'memberId').length).toBeLessThanOrEqual(STATIC_CHOICES + 1);
    expect(input(card, 'memberOrganisation').node['choices.data']).toEqual({ type: 'Data.Query', dataset: `workplan.organisations|${TEAM.id}` });
    // The member found by search is given an organisation from the card.
    const org = actionsOf(card).find((a) => a.verb === 'workplan.settings.member-org')!;
    const res = await execute('amina', 'workplan.settings.member-org', { ...org.data, memberId: MEMBERS[137]!.aadObjectId, memberOrganisation: ORGS[42] });
    expect(JSON.stringify(res)).toContain(`Zoë Ñúñez-Okonkwo: ${ORGS[42]}`);
  });

  it("the pickers' search answers the caller's own group's members, at most the page asked for", async () => {
    const members = `workplan.members|${TEAM.id}`;
    const zoe = await search('sofia', members, 'zoe nunez');
    expect(zoe.status).toBe(200);
    expect(zoe.body.type).toBe('application/vnd.microsoft.search.searchResponse');
    expect(zoe.body.value!.results).toEqual([{ title: `Zoë Ñúñez-Okonkwo: ${ORGS[42]}`, value: MEMBERS[137]!.aadObjectId }]);
    const many = await search('sofia', members, 'émilie');
    expect(many.body.value!.results).toHaveLength(15);
    const ids = new Set([...MEMBERS.map((m) => m.aadObjectId), ...Object.values(USERS).map((u) => u.aadObjectId)]);
    for (const r of many.body.value!.results) expect(ids.has(r.value)).toBe(true);
    expect((await search('sofia', members, 'émilie', 5)).body.value!.results).toHaveLength(5);
    expect((await search('sofia', `workplan.organisations|${TEAM.id}`, 'organisation 042')).body.value!.results).toEqual([{ title: ORGS[41], value: ORGS[41] }]);
  });

  it("gives a stranger, another tenant's user and another team's card nothing of the group's members", async () => {
    const members = `workplan.members|${TEAM.id}`;
    const stranger = { id: '29:1stranger', aadObjectId: guid('stranger', 1), name: 'Mallory' };
    expect((await search(stranger, members, 'émilie')).body.value!.results).toEqual([]);
    // The same object id as a member, from another tenant: another person.
    const foreign = { id: '29:1foreign', aadObjectId: USERS.sofia.aadObjectId, name: 'Sofia Marquez' };
    expect((await search(foreign, members, 'émilie', 15, { tenantId: OTHER_TENANT })).body.value!.results).toEqual([]);
    // Another group of the same tenant, which Sofia is not in: its members are found by its own members only.
    const other = { id: '19:othergroup@thread.tacv2', name: 'Other working group', aadGroupId: '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f' };
    connector.setTeam(other);
    connector.setMembers(other.id, [teamsChannelAccount('lars')]);
    await service.post(loadActivity('bot-added-to-team', { serviceUrl: connector.url, team: other }));
    for (const m of sizedMembers({ tenantId: TENANT_ID, teamId: other.id }, 20, 'other')) await repos.members.upsertProfile(m);
    const theirs = `workplan.members|${other.id}`;
    expect((await search('lars', theirs, 'émilie', 15, { team: other })).body.value!.results.length).toBeGreaterThan(0);
    expect((await search('sofia', theirs, 'émilie', 15, { team: other })).body.value!.results).toEqual([]);
    // From this team's channel, a dataset naming the other team is refused outright.
    expect((await search('lars', theirs, 'émilie')).body.value!.results).toEqual([]);
    expect((await search('sofia', members, 'x'.repeat(501))).status).toBe(400);
  });

  it('the new-item form with 200 members and 100 organisations: owner and organisation searched, never listed whole', async () => {
    const [card] = await say('sofia', 'new item');
    expect(measure('new-item form (200 members, 100 organisations)', card)).toBeLessThan(MAX_CARD_CHARS);
    const owner = input(card, 'owner');
    expect(owner.value).toBe(USERS.sofia.aadObjectId);
    expect(owner.node['choices.data']).toEqual({ type: 'Data.Query', dataset: `workplan.members|${TEAM.id}` });
    expect(choicesOf(card, 'owner').map((c) => c.title)).toContain(en('workPlan.form.noOwner'));
    expect(choicesOf(card, 'owner').length).toBeLessThanOrEqual(STATIC_CHOICES + 2);
    expect(input(card, 'organisation').node['choices.data']).toEqual({ type: 'Data.Query', dataset: `workplan.organisations|${TEAM.id}` });
    for (const i of inputsOf(card).filter((x) => x.type === 'Input.ChoiceSet')) for (const c of i.node.choices as { value: string }[]) expect(c.value).not.toBe('');
    // "Nobody" creates an item without owner; a member found by search owns one.
    const create = actionsOf(card).find((a) => a.verb === 'workplan.item.create')!;
    await execute('sofia', 'workplan.item.create', { ...untouchedValues(card), ...create.data, title: 'Nobody owns this', owner: NO_OWNER });
    const create2 = actionsOf((await say('sofia', 'new item'))[0]).find((a) => a.verb === 'workplan.item.create')!;
    await execute('sofia', 'workplan.item.create', { ...create2.data, title: 'Zoë owns this', owner: MEMBERS[137]!.aadObjectId, organisation: ORGS[42] });
    const items = await repos.workPlan.items.list(group);
    expect(items.find((i) => i.title === 'Nobody owns this')?.ownerId).toBeUndefined();
    expect(items.find((i) => i.title === 'Zoë owns this')).toMatchObject({ ownerId: MEMBERS[137]!.aadObjectId, organisation: ORGS[42] });
  });

  describe('with 300 items, then 500', () => {
    beforeAll(async () => {
      const seeds: ItemSeed[] = [];
      // Items 3–102 overdue (the oldest first), 103–202 due within the fortnight, 203–302 done this week.
      for (let i = 0; i < 100; i++) seeds.push({ title: itemTitle(i), status: 'open', progress: 10, due: day('2026-11-01', i), ownerId: MEMBERS[i]!.aadObjectId, organisation: ORGS[i % 100] });
      for (let i = 0; i < 100; i++) seeds.push({ title: itemTitle(100 + i), status: 'in-progress', progress: 50, due: day('2027-03-08', i % 14), ownerId: MEMBERS[100 + i]!.aadObjectId });
      for (let i = 0; i < 100; i++) seeds.push({ title: itemTitle(200 + i), status: 'done', progress: 100, due: '2027-03-30', doneAt: '2027-03-05T12:00:00.000Z' });
      await seedItems(repos.workPlan.items, group, seeds, USERS.amina.aadObjectId, MONDAY.toISOString());
    }, 300_000);

    it('the weekly digest counts each list, shows the most urgent ten and links to the rest in the tab, filtered', async () => {
      clock.at = DIGEST_AT;
      connector.clear();
      await service.scheduler.tick();
      const posts = connector.activities() as { attachments?: unknown[]; text?: string }[];
      const digests = cardsIn(posts).filter((c) => c.includes(en('workPlan.digest.title', { date: '2027-03-08' })));
      expect(digests).toHaveLength(1);
      const card = JSON.parse(digests[0]!) as Card;
      expect(measure('weekly digest (100 overdue, 100 due soon, 100 done)', card)).toBeLessThan(MAX_CARD_CHARS);
      for (const p of posts) expect(JSON.stringify(p).length).toBeLessThan(MAX_CARD_CHARS + 5_000);
      const text = digests[0]!;
      for (const heading of ['overdue', 'dueSoon', 'doneSince'] as const) expect(text).toContain(en(`workPlan.digest.${heading}`, { count: 100 }));
      expect(text.split(JSON.stringify(en('workPlan.post.more', { count: 90 }))).length - 1).toBe(3);
      // The longest overdue first: A-3 (due 1 November) is shown, A-13 (the eleventh) is counted.
      expect(text).toContain(`A-3 ${itemTitle(0)}`);
      expect(text).not.toContain(`A-13 `);
      expect(text).toContain(en('workPlan.digest.countLine', { label: en('workPlan.status.done'), count: 100 }));
      const links = actionsOf(card)
        .filter((a) => a.type === 'Action.OpenUrl')
        .map((a) => String(a.node.url));
      const tab = (q: string) => `${BASE}/tab/index.html?view=work-plan&team=${encodeURIComponent(TEAM.id)}&${q}`;
      expect(links).toEqual(expect.arrayContaining([tab('status=open&dueTo=2027-03-07'), tab('status=open&dueFrom=2027-03-08&dueTo=2027-03-22'), tab('status=done')]));
    });

    it('`items all` with 500 items answers in one message, a page of them with the count', async () => {
      const more: ItemSeed[] = Array.from({ length: 198 }, (_, i) => ({ title: itemTitle(300 + i), status: 'open', progress: 0, due: '2027-06-30' }));
      await seedItems(repos.workPlan.items, group, more, USERS.amina.aadObjectId, DIGEST_AT.toISOString());
      expect((await repos.workPlan.items.list(group)).length).toBe(500);
      const cards = await say('sofia', 'items all');
      expect(cards).toHaveLength(1);
      expect((connector.activities() as { type?: string }[]).filter((a) => a.type === 'message')).toHaveLength(1);
      expect(measure('items all (500 items)', cards[0])).toBeLessThan(MAX_CARD_CHARS);
      expect(JSON.stringify(cards[0])).toContain(en('workPlan.list.page', { from: 1, to: 15, total: 400 }));
      expect(JSON.stringify(cards[0])).not.toContain('verticalContentAlignment');
      expect(actionsOf(cards[0]).some((a) => a.verb === 'workplan.items.page')).toBe(true);
    });
  });
});

function day(from: string, plus: number): string {
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + plus);
  return d.toISOString().slice(0, 10);
}
