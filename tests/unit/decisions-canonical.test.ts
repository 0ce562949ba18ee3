import fc from 'fast-check';
import { canonicalJson, type CanonicalValue } from '../../bot/src/features/decisions/domain/canonical-json';
import { hashDecisionContent } from '../../bot/src/features/decisions/domain/decision-hash';

const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }), fc.constantFrom('', '€', '\r\n', '\u0000\u001f', 'דּ', '😀', '"\\/', '${x}', '<b>'));
const wellFormed = text.map((s) => s.replace(/[\uD800-\uDFFF]/g, 'x'));
const decisionLike = fc.record(
  {
    v: fc.constant(1),
    seq: fc.nat({ max: 2 ** 31 - 1 }),
    ref: wellFormed,
    title: wellFormed,
    text: wellFormed,
    rationale: wellFormed,
    actionItemIds: fc.array(wellFormed, { maxLength: 4 }),
    nested: fc.dictionary(wellFormed, fc.oneof(wellFormed, fc.integer(), fc.boolean(), fc.constant(null)), { maxKeys: 5 }),
  },
  { requiredKeys: ['v', 'seq', 'ref', 'title', 'text', 'actionItemIds'] },
);

describe('canonical JSON for decision hashes', () => {
  it('is a faithful, order-independent encoding: it parses back to the value, whatever the key order', () => {
    fc.assert(
      fc.property(decisionLike, (value) => {
        const canonical = canonicalJson(value as CanonicalValue);
        expect(JSON.parse(canonical)).toEqual(value);
        const reversed = Object.fromEntries(Object.entries(value).reverse());
        expect(canonicalJson(reversed as CanonicalValue)).toBe(canonical);
      }),
      { numRuns: 300 },
    );
  });

  it('sorts keys by UTF-16 code units as in RFC 8785 §3.2.3', () => {
    const value = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalJson(value)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","ö":"Latin Small Letter O With Diaeresis","€":"Euro Sign","😀":"Emoji: Grinning Face","דּ":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('refuses what would make hashes ambiguous: floats, unsafe integers, lone surrogates', () => {
    expect(() => canonicalJson({ a: 1.5 })).toThrow();
    expect(() => canonicalJson({ a: 2 ** 60 })).toThrow();
    expect(() => canonicalJson({ a: '\ud800' })).toThrow();
  });

  it('hashes only the content fields, whatever their order or extra columns', () => {
    const a = hashDecisionContent({ v: 1, ref: 'D-2026-001', title: 't', actionItemIds: [] });
    expect(hashDecisionContent({ actionItemIds: [], title: 't', ref: 'D-2026-001', v: 1, timestamp: 'x', etag: 'y' })).toBe(a);
    expect(hashDecisionContent({ v: 1, ref: 'D-2026-001', title: 't ', actionItemIds: [] })).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });
});
