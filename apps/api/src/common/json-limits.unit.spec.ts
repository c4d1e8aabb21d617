import { MAX_JSON_DEPTH, bodyDefect } from './json-limits';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('bodyDefect', () => {
  it('accepts ordinary JSON with Vietnamese text, brackets inside strings and escaped quotes', () => {
    expect(bodyDefect(bytes('{"name":"Nguyễn Văn A","note":"[[[{{{ \\" ]]"}'))).toBeNull();
  });

  it(`refuses nesting deeper than ${MAX_JSON_DEPTH}, and accepts exactly ${MAX_JSON_DEPTH}`, () => {
    const nest = (n: number) => '['.repeat(n) + ']'.repeat(n);
    expect(bodyDefect(bytes(nest(MAX_JSON_DEPTH)))).toBeNull();
    expect(bodyDefect(bytes(nest(MAX_JSON_DEPTH + 1)))).toEqual({ kind: 'depth', limit: MAX_JSON_DEPTH });
    expect(bodyDefect(bytes(`{"a":${nest(10_000)}}`))).toEqual({ kind: 'depth', limit: MAX_JSON_DEPTH });
  });

  it('refuses invalid UTF-8 and says where it starts', () => {
    const good = bytes('{"name":"Trần ');
    const broken = new Uint8Array([...good, 0xc3, 0x28, ...bytes('"}')]);
    const defect = bodyDefect(broken);
    expect(defect?.kind).toBe('encoding');
    expect(defect && defect.kind === 'encoding' ? defect.offset : -1).toBeLessThanOrEqual(good.length + 3);
    expect(defect && defect.kind === 'encoding' ? defect.offset : -1).toBeGreaterThanOrEqual(good.length - 3);
  });

  it('refuses a lone surrogate encoded as bytes (CESU-8) and overlong forms', () => {
    expect(bodyDefect(new Uint8Array([0x22, 0xed, 0xa0, 0x80, 0x22]))?.kind).toBe('encoding');
    expect(bodyDefect(new Uint8Array([0x22, 0xc0, 0xaf, 0x22]))?.kind).toBe('encoding');
  });
});
