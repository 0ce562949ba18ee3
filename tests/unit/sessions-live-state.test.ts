import { applyLiveChange, elapsedOf, idleState } from '../../bot/src/features/sessions/domain/live-state';

const group = { tenantId: 't', teamId: 'g' };
const at = (s: number) => new Date(Date.UTC(2027, 1, 15, 9, 0, s));

/** The shared agenda timer's arithmetic: time is banked on the item it ran for, never lost or counted twice. */
describe('session live state', () => {
  it('banks the running stretch on the item it ran for when the meeting moves on or pauses', () => {
    let s = applyLiveChange(idleState(group, 's1', 3, at(0)), { currentItem: 0, running: true }, 3, 'chair', at(0));
    expect(elapsedOf(s, 0, at(90))).toBe(90_000);
    s = applyLiveChange(s, { currentItem: 2, running: true }, 3, 'chair', at(90));
    expect(s.elapsedMs).toEqual([90_000, 0, 0]);
    expect(elapsedOf(s, 2, at(100))).toBe(10_000);
    expect(elapsedOf(s, 0, at(100))).toBe(90_000);
    s = applyLiveChange(s, { currentItem: 2, running: false }, 3, 'chair', at(120));
    expect(s.runningSince).toBeUndefined();
    expect(s.elapsedMs).toEqual([90_000, 0, 30_000]);
    expect(elapsedOf(s, 2, at(999))).toBe(30_000);
    // Back to the first item, running: its time goes on from where it was.
    s = applyLiveChange(s, { currentItem: 0, running: true }, 3, 'chair', at(130));
    expect(elapsedOf(s, 0, at(140))).toBe(100_000);
  });

  it('resets one item on request and keeps the others', () => {
    const s = applyLiveChange({ ...idleState(group, 's1', 2, at(0)), elapsedMs: [5_000, 7_000] }, { currentItem: 1, running: false, reset: true }, 2, 'chair', at(1));
    expect(s.elapsedMs).toEqual([5_000, 0]);
  });

  it('follows an agenda edited meanwhile and refuses an item beyond it', () => {
    const running = { ...applyLiveChange(idleState(group, 's1', 4, at(0)), { currentItem: 3, running: true }, 4, 'chair', at(0)), elapsedMs: [1, 2, 3, 4] };
    // The agenda shrank to two items while item 4 ran: its time has nowhere to go, the rest is kept.
    expect(applyLiveChange(running, { currentItem: 1, running: false }, 2, 'chair', at(60)).elapsedMs).toEqual([1, 2]);
    for (const currentItem of [-1, 2, 1.5, Number.NaN]) {
      expect(() => applyLiveChange(running, { currentItem, running: true }, 2, 'chair', at(60))).toThrow(
        expect.objectContaining({ code: 'validation', params: expect.objectContaining({ reason: 'sessions.errors.badAgendaItem' }) }),
      );
    }
  });

  it('never counts negative time when a clock steps back', () => {
    const s = applyLiveChange(idleState(group, 's1', 1, at(0)), { currentItem: 0, running: true }, 1, 'chair', at(60));
    expect(elapsedOf(s, 0, at(30))).toBe(0);
    expect(applyLiveChange(s, { currentItem: 0, running: false }, 1, 'chair', at(30)).elapsedMs).toEqual([0]);
  });
});
