import { toKey } from '../../bot/src/platform/storage/keys';

describe('table keys', () => {
  it('keeps Teams ids readable', () => {
    expect(toKey('19:abc@thread.tacv2;messageid=17')).toBe('19:abc@thread.tacv2;messageid=17');
  });

  it('never contains characters Azure Tables forbid', () => {
    const key = toKey('a/b\\c#d?e\u0001f\u007fg');
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must be absent
    expect(key).not.toMatch(/[/\\#?\u0000-\u001f\u007f-\u009f]/);
  });

  it('is injective: different inputs never share a key', () => {
    const inputs = ['a|b', 'a', 'a~007c', 'a~b', 'a/b', 'a%2Fb', 'é', '~', 'x y'];
    const keys = inputs.map((i) => toKey(i));
    expect(new Set(keys).size).toBe(inputs.length);
    expect(toKey('a', 'b')).not.toBe(toKey('a|b'));
  });
});
