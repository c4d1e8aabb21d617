/**
 * Checks a request body's raw bytes before JSON.parse, so that nothing that
 * walks the parsed value recursively (string normalisation, validation,
 * canonical hashing) can meet input that would exhaust the stack, and no
 * replacement character (U+FFFD) can be stored for good in a hash-chained event.
 */

/** Deeper than any body Laurel accepts (a nomination's record is about 5 levels), far from the stack's limit. */
export const MAX_JSON_DEPTH = 32;

export type BodyDefect =
  { readonly kind: 'encoding'; readonly offset: number } | { readonly kind: 'depth'; readonly limit: number };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The first defect of a JSON body, or null. Depth counts arrays and objects outside strings. */
export function bodyDefect(bytes: Uint8Array, maxDepth = MAX_JSON_DEPTH): BodyDefect | null {
  try {
    strictUtf8.decode(bytes);
  } catch {
    return { kind: 'encoding', offset: firstInvalidUtf8Offset(bytes) };
  }
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === 0x5c)
        i++; // backslash: the next byte is escaped
      else if (byte === 0x22) inString = false;
      continue;
    }
    if (byte === 0x22) inString = true;
    else if (byte === 0x5b || byte === 0x7b) {
      if (++depth > maxDepth) return { kind: 'depth', limit: maxDepth };
    } else if (byte === 0x5d || byte === 0x7d) depth--;
  }
  return null;
}

/** About where strict decoding fails (within a sequence's 3 bytes), for the error's details; a binary search over prefixes. */
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const middle = (good + bad) >> 1;
    // A prefix may end inside a valid multi-byte sequence: stream mode tolerates an incomplete tail.
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, middle), { stream: true });
      good = middle;
    } catch {
      bad = middle;
    }
  }
  return good;
}
