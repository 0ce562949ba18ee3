import type { GroupRef } from '../../../kernel/identity';
import type { MemberRepository } from '../../../kernel/ports';
import { isOpen, refOf } from '../domain/action-item';
import type { ActionItemRepository, OpenItemsSource, OpenItemSummary } from '../domain/ports';

/** For sessions (and anything else): a group's open items, with owner names resolved. */
export class WorkPlanOpenItems implements OpenItemsSource {
  constructor(
    private readonly items: ActionItemRepository,
    private readonly members: MemberRepository,
  ) {}

  async openItems(group: GroupRef): Promise<OpenItemSummary[]> {
    const [items, members] = await Promise.all([this.items.list(group), this.members.list(group)]);
    const names = new Map(members.map((m) => [m.aadObjectId.toLowerCase(), m.name]));
    return items.filter(isOpen).map((i) => {
      const owner =
        i.ownerId || i.organisation ? { ...(i.ownerId ? { aadObjectId: i.ownerId, name: names.get(i.ownerId) ?? '' } : {}), ...(i.organisation ? { organisation: i.organisation } : {}) } : undefined;
      return { id: refOf(i.number), ref: refOf(i.number), title: i.title, status: i.status, ...(owner ? { owner } : {}), ...(i.due ? { due: i.due } : {}) };
    });
  }
}
