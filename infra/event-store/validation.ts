import {
  DuplicateEventIdError,
  EmptyAppendError,
  EventTooLargeError,
  InvalidEventError,
  InvalidEventIdError,
  InvalidEventPayloadError,
  InvalidEventTypeError,
  InvalidExpectedVersionError,
  InvalidReadOptionsError,
  InvalidStreamNameError,
} from './errors';
import type { EventToAppend, ExpectedVersion, JsonObject, Position, ReadAllOptions, ReadStreamOptions } from './port';

/**
 * Input rules shared by every adapter, so that bad input is rejected the same
 * way everywhere and before anything reaches a database.
 */

/**
 * The largest event, serialised. A session's opening holds its whole agenda: 1,000 council items
 * came to 265 KB, so 2,000 (the agenda's limit) need about 530 KB. 1 MiB keeps well under
 * Temporal's 2 MB payload limit, which the append activity's input must pass too.
 */
export const DEFAULT_MAX_EVENT_BYTES = 1024 * 1024;
export const MAX_STREAM_NAME_LENGTH = 200;
export const MAX_EVENT_ID_LENGTH = 100;
export const MAX_EVENT_TYPE_LENGTH = 200;
/** Versions are stored as 32-bit integers. */
export const MAX_VERSION = 2_147_483_647;
/** Deeper payloads are refused rather than risking stack exhaustion while walking them. */
export const MAX_JSON_DEPTH = 64;

const STREAM_NAME = /^[a-z][a-zA-Z0-9]*-[A-Za-z0-9_.:@-]+$/;
const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9_.]*$/;
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** PostgreSQL text and jsonb cannot hold NUL, and jsonb rejects unpaired surrogates. */
function unstorable(text: string): boolean {
  return text.includes('\u0000') || UNPAIRED_SURROGATE.test(text);
}

/** Stream names are `<category>-<id>`; the category is what `streamPrefixes` usually name. */
export function assertStreamName(streamName: unknown): asserts streamName is string {
  if (typeof streamName !== 'string') throw new InvalidStreamNameError(streamName, 'not a string');
  if (streamName.length === 0) throw new InvalidStreamNameError(streamName, 'empty');
  if (streamName.length > MAX_STREAM_NAME_LENGTH) {
    throw new InvalidStreamNameError(streamName, `longer than ${MAX_STREAM_NAME_LENGTH} characters`);
  }
  if (!STREAM_NAME.test(streamName)) {
    throw new InvalidStreamNameError(
      streamName,
      'expected <category>-<id>, category [a-z][a-zA-Z0-9]*, id [A-Za-z0-9_.:@-]+',
    );
  }
}

export function assertExpectedVersion(expected: unknown): asserts expected is ExpectedVersion {
  if (expected === 'any') return;
  if (typeof expected !== 'number' || !Number.isInteger(expected) || expected < 0 || expected > MAX_VERSION) {
    throw new InvalidExpectedVersionError(expected);
  }
}

/** An event that passed validation, with its JSON serialised exactly once. */
export interface PreparedEvent {
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
  readonly dataJson: string;
  readonly metadataJson: string;
  readonly recordedAt?: string;
}

export interface AppendLimits {
  readonly maxEventBytes: number;
}

/**
 * Validates a whole batch without serialising it (the size limit is checked by
 * `prepareEvents`); throws on the first problem, so nothing is written on bad input.
 */
export function assertEvents(streamName: string, events: unknown): asserts events is readonly EventToAppend[] {
  if (!Array.isArray(events)) throw new InvalidEventError(-1, 'events must be an array');
  if (events.length === 0) throw new EmptyAppendError(streamName);
  const seen = new Set<string>();
  for (let index = 0; index < events.length; index++) {
    const event: unknown = events[index];
    if (!isPlainObject(event)) throw new InvalidEventError(index, 'not an object');
    const { id, type, data, metadata } = event as Partial<Record<keyof EventToAppend, unknown>>;
    assertEventId(index, id);
    if (seen.has(id)) throw new DuplicateEventIdError(id);
    seen.add(id);
    if (typeof type !== 'string' || type.length > MAX_EVENT_TYPE_LENGTH || !EVENT_TYPE.test(type)) {
      throw new InvalidEventTypeError(index, type);
    }
    assertJsonObject(index, 'data', data);
    assertJsonObject(index, 'metadata', metadata);
    const { recordedAt } = event as { recordedAt?: unknown };
    if (recordedAt !== undefined && !isRecordableTime(recordedAt)) {
      throw new InvalidEventError(index, 'recordedAt must be an ISO-8601 UTC time with milliseconds');
    }
  }
}

/** Exactly the form stores read back (`toISOString`), so a hash over it survives the round trip. */
function isRecordableTime(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value)) return false;
  const time = new Date(value);
  return !Number.isNaN(time.getTime()) && time.toISOString() === value;
}

const vouchedBatches = new WeakSet<readonly EventToAppend[]>();

/**
 * For a store decorator (the hash chain) that ran `assertEvents` on its input
 * and built this batch from it, adding only fields it made itself: the store
 * underneath then checks sizes alone, so an append is validated once.
 */
export function vouchedBatch(events: readonly EventToAppend[]): readonly EventToAppend[] {
  vouchedBatches.add(events);
  return events;
}

/** Validates a whole batch (unless vouched for) and serialises each payload exactly once. */
export function prepareEvents(streamName: string, events: unknown, limits: AppendLimits): PreparedEvent[] {
  if (!(Array.isArray(events) && vouchedBatches.has(events))) assertEvents(streamName, events);
  const batch = events as readonly EventToAppend[];
  const prepared = new Array<PreparedEvent>(batch.length);
  for (let index = 0; index < batch.length; index++) {
    const { id, type, data, metadata, recordedAt } = batch[index]!;
    const dataJson = JSON.stringify(data);
    const metadataJson = JSON.stringify(metadata);
    const size = utf8Length(dataJson) + utf8Length(metadataJson) + utf8Length(id) + type.length;
    if (size > limits.maxEventBytes) throw new EventTooLargeError(index, size, limits.maxEventBytes);
    prepared[index] = { id, type, data, metadata, dataJson, metadataJson, ...(recordedAt ? { recordedAt } : {}) };
  }
  return prepared;
}

function assertEventId(index: number, id: unknown): asserts id is string {
  if (typeof id !== 'string') throw new InvalidEventIdError(index, id, 'not a string');
  if (id.length === 0) throw new InvalidEventIdError(index, id, 'empty');
  if (id.length > MAX_EVENT_ID_LENGTH) {
    throw new InvalidEventIdError(index, id, `longer than ${MAX_EVENT_ID_LENGTH} characters`);
  }
  if (id.trim() !== id) throw new InvalidEventIdError(index, id, 'leading or trailing white space');
  if (unstorable(id)) throw new InvalidEventIdError(index, id, 'contains NUL or an unpaired surrogate');
}

/**
 * Throws unless `value` is a plain object of plain JSON: no functions, undefined,
 * symbols, BigInt, non-finite numbers, cycles or class instances (Date, Map, …),
 * which JSON.stringify would silently drop or mangle.
 */
export function assertJsonObject(
  index: number,
  field: 'data' | 'metadata',
  value: unknown,
): asserts value is JsonObject {
  if (!isPlainObject(value)) {
    throw new InvalidEventPayloadError(index, field, '', `expected a plain object, got ${kindOf(value)}`);
  }
  const problem = findJsonProblem(value, '', new Set<object>(), 0);
  if (problem) throw new InvalidEventPayloadError(index, field, problem.path, problem.reason);
}

interface JsonProblem {
  readonly path: string;
  readonly reason: string;
}

function findJsonProblem(value: unknown, path: string, ancestors: Set<object>, depth: number): JsonProblem | undefined {
  switch (typeof value) {
    case 'string':
      return unstorable(value) ? { path, reason: 'string contains NUL or an unpaired surrogate' } : undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : { path, reason: `${value} is not a JSON number` };
    case 'boolean':
      return undefined;
    case 'object':
      break;
    default:
      return { path, reason: `${typeof value} is not JSON` };
  }
  if (value === null) return undefined;
  if (depth >= MAX_JSON_DEPTH) return { path, reason: `nested deeper than ${MAX_JSON_DEPTH} levels` };
  if (ancestors.has(value)) return { path, reason: 'circular reference' };
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        if (!(i in value)) return { path: `${path}[${i}]`, reason: 'sparse array hole' };
        const problem = findJsonProblem(value[i], `${path}[${i}]`, ancestors, depth + 1);
        if (problem) return problem;
      }
      return undefined;
    }
    if (!isPlainObject(value)) return { path, reason: `${kindOf(value)} is not a plain object` };
    for (const key of Object.keys(value)) {
      const childPath = `${path}.${key}`;
      if (unstorable(key)) return { path: childPath, reason: 'key contains NUL or an unpaired surrogate' };
      const problem = findJsonProblem((value as Record<string, unknown>)[key], childPath, ancestors, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  } finally {
    ancestors.delete(value);
  }
}

/**
 * A plain object has `Object.prototype` (of any realm — jest runs tests in a vm
 * context) or `null` as prototype. Class instances such as Date or Map do not.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null) return true;
  return Object.getPrototypeOf(proto) === null && Object.prototype.toString.call(value) === '[object Object]';
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') {
    const ctor = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
    return typeof ctor === 'string' && ctor !== '' ? `a ${ctor}` : 'an object';
  }
  return typeof value;
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

export interface NormalisedReadStream {
  readonly direction: 'forward' | 'backward';
  readonly fromVersion: number;
  readonly maxCount: number;
}

export function normaliseReadStreamOptions(options: ReadStreamOptions | undefined): NormalisedReadStream {
  const direction = options?.direction ?? 'forward';
  if (direction !== 'forward' && direction !== 'backward') {
    throw new InvalidReadOptionsError('direction', direction, "'forward' or 'backward'");
  }
  const fromVersion = options?.fromVersion ?? (direction === 'forward' ? 1 : MAX_VERSION);
  if (!Number.isInteger(fromVersion) || fromVersion < 0) {
    throw new InvalidReadOptionsError('fromVersion', fromVersion, 'a non-negative integer');
  }
  return { direction, fromVersion: Math.min(fromVersion, MAX_VERSION), maxCount: normaliseMaxCount(options?.maxCount) };
}

export interface NormalisedReadAll {
  readonly after: Position;
  readonly maxCount: number;
  readonly streamPrefixes: readonly string[];
}

export function normaliseReadAllOptions(options: ReadAllOptions | undefined): NormalisedReadAll {
  return {
    after: normalisePosition(options?.after),
    maxCount: normaliseMaxCount(options?.maxCount),
    streamPrefixes: normalisePrefixes(options?.streamPrefixes),
  };
}

export function normalisePosition(position: Position | undefined): Position {
  if (position === undefined) return { commit: -1n, prepare: -1n };
  if (typeof position !== 'object' || typeof position.commit !== 'bigint' || typeof position.prepare !== 'bigint') {
    throw new InvalidReadOptionsError('after', position, 'a Position of two bigints');
  }
  return position;
}

export function normalisePrefixes(prefixes: readonly string[] | undefined): readonly string[] {
  if (prefixes === undefined) return [];
  if (
    !Array.isArray(prefixes) ||
    prefixes.length === 0 ||
    prefixes.some((p) => typeof p !== 'string' || p.length === 0)
  ) {
    throw new InvalidReadOptionsError('streamPrefixes', prefixes, 'a non-empty list of non-empty strings');
  }
  return prefixes;
}

function normaliseMaxCount(maxCount: number | undefined): number {
  if (maxCount === undefined) return Number.POSITIVE_INFINITY;
  if (!Number.isInteger(maxCount) || maxCount < 0) {
    throw new InvalidReadOptionsError('maxCount', maxCount, 'a non-negative integer');
  }
  return maxCount;
}
