import { formatLocal } from '../../bot/src/kernel/local-time';
import { inZone } from '../../tab/src/views/polls/poll-format';
import { formatDateTime } from '../../bot/src/kernel/display-time';

/** 17:00 in Zurich on a winter day. */
const FIVE_PM = new Date('2027-03-08T16:00:00.000Z');

describe('one way to show a time, in cards and in the tab', () => {
  it.each([
    ['en', 'en-US'],
    ['en', 'en-GB'],
    ['fr', 'fr-FR'],
    ['fr', 'fr-CA'],
  ])('a card in %s and the tab in a %s client write the same words', (language, clientLocale) => {
    expect(inZone(FIVE_PM.toISOString(), 'Europe/Zurich', clientLocale)).toBe(formatLocal(FIVE_PM, 'Europe/Zurich', language));
  });

  it('writes hours as people do ("5:00 PM", "17:00"), with the zone named', () => {
    expect(formatDateTime(FIVE_PM, 'Europe/Zurich', 'en-US')).toMatch(/(^|\D)5:00\sPM \(Europe\/Zurich\)$/);
    expect(formatDateTime(FIVE_PM, 'Europe/Zurich', 'en-US')).not.toMatch(/05:00/);
    expect(formatDateTime(FIVE_PM, 'Europe/Zurich', 'fr-FR')).toMatch(/17:00 \(Europe\/Zurich\)$/);
  });
});
