/**
 * Every string in a parsed JSON value in NFC, so a name typed with combining
 * marks ("Nguye\u0302\u0303n") and one typed precomposed ("Nguyễn") are one
 * name, and round-trip exactly as stored.
 */
export function normaliseStrings(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (Array.isArray(value)) return value.map(normaliseStrings);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      // defineProperty, not assignment: a JSON key "__proto__" must stay data, never become the prototype.
      Object.defineProperty(out, key.normalize('NFC'), {
        value: normaliseStrings(inner),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}
