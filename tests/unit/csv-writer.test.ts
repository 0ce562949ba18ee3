import { csvDocument } from '../../bot/src/kernel/csv';
import { readCsv } from '../support/csv';
import { attachmentDisposition } from '../../bot/src/platform/http/content-disposition';

describe('the one CSV writer', () => {
  it('writes a BOM, CRLF records and quoted fields a strict reader reads back', () => {
    const csv = csvDocument(
      ['a', 'b'],
      [
        ['x, "y"', 'line 1\nline 2'],
        [3, undefined],
      ],
    );
    expect(csv).toBe('\uFEFFa,b\r\n"x, ""y""","line 1\nline 2"\r\n3,\r\n');
    expect(readCsv(csv)).toEqual([
      ['a', 'b'],
      ['x, "y"', 'line 1\nline 2'],
      ['3', ''],
    ]);
  });

  it('refuses a row narrower or wider than the header: a bug, not a file', () => {
    expect(() =>
      csvDocument(
        ['option', 'yes', 'maybe', 'no'],
        [
          ['A', 1, 0, 0],
          ['voters', 2, ''],
        ],
      ),
    ).toThrow('CSV row 2 has 3 fields, the header 4');
    expect(() => csvDocument(['a'], [['x', 'y']])).toThrow('CSV row 1 has 2 fields, the header 1');
    expect(() => csvDocument([], [])).toThrow();
  });

  it('names a download in ASCII and, when it has more, in UTF-8 too (RFC 6266, RFC 5987)', () => {
    expect(attachmentDisposition('poll-p1.csv')).toBe('attachment; filename="poll-p1.csv"');
    expect(attachmentDisposition("Séance «1» (d'été) 审查 🚀.csv")).toBe(
      `attachment; filename="S_ance__1___d__t________.csv"; filename*=UTF-8''S%C3%A9ance%20%C2%AB1%C2%BB%20%28d%27%C3%A9t%C3%A9%29%20%E5%AE%A1%E6%9F%A5%20%F0%9F%9A%80.csv`,
    );
    // No quote, line break or lone surrogate reaches the header.
    expect(attachmentDisposition('a"b\r\nSet-Cookie: x\ud800.csv')).toBe(`attachment; filename="a_b_Set-Cookie__x_.csv"; filename*=UTF-8''a%22b%20Set-Cookie%3A%20x%EF%BF%BD.csv`);
  });
});
