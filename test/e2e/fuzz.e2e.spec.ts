import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { formatPosition } from '../../infra/event-store/port';
import { ADMIN, ApiHarness, NT } from '../support/api-harness';

/**
 * Property-based requests over every route of the API's own OpenAPI document:
 * random path ids, query strings, headers, bodies (any JSON, wrong types,
 * deep nesting, odd Unicode) and callers (each role, no token, a bad token).
 * Whatever is sent, the answer is never a 5xx, and a refused request (4xx)
 * leaves the store's head where it was. Bounded in runs and in time; the seed
 * is printed so a failure can be replayed with FUZZ_SEED.
 */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 1000);
const TIME_LIMIT_MS = Number(process.env['FUZZ_TIME_LIMIT_MS'] ?? 90_000);
const SEED = Number(process.env['FUZZ_SEED'] ?? Date.now() % 2 ** 31);
jest.setTimeout(TIME_LIMIT_MS + 60_000);

type Operation = { readonly method: 'get' | 'post' | 'patch'; readonly path: string };

const CALLERS = [NT.officer, NT.head, NT.voters[0], NT.leader, NT.board, NT.council[0], NT.chairman, NT.auditor, ADMIN];

describe('fuzz: no 5xx on any route, and a refused request writes nothing', () => {
  let api: ApiHarness;
  let operations: Operation[];
  let knownIds: string[];
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    api = await ApiHarness.start();
    const document = (await api.http().get('/docs/json')).body as { paths: Record<string, Record<string, unknown>> };
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      (['get', 'post', 'patch'] as const).filter((m) => m in methods).map((method) => ({ method, path })),
    );
    const drafted = await api.draft();
    const submitted = await api.submitted();
    knownIds = [drafted.nominationId, submitted.nominationId];
    for (const user of CALLERS) tokens.set(user, await api.token(user));
    console.log(`fuzz: ${operations.length} operations, ${RUNS} runs, seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
  });

  it('answers every generated request below 500, and refusals leave the store unchanged', async () => {
    expect(operations.length).toBeGreaterThan(20);
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: 'grapheme' }),
      fc.constantFrom('Nguyễn Văn A', 'Nguye\u0302\u0303n', '\u0000', '../../x', '%00', ' ', '163/QĐ-UBND'),
    );
    const id = fc.oneof(
      fc.constantFrom(...knownIds),
      fc.uuid().map(String),
      text.map((s) => encodeURIComponent(s)),
      fc.constant(randomUUID()),
    );
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 6 }),
      fc.record(
        {
          choice: fc.constantFrom('approve', 'reject', 'abstain', 'maybe', 1),
          recommendation: fc.constantFrom('approve', 'reject', null),
          outcome: fc.constantFrom('approved', 'rejected', 'Awarded'),
          decisionNumber: text,
          reason: text,
          comment: text,
          username: text,
          password: text,
          payloads: fc.array(fc.record({ data: fc.base64String(), metadata: fc.dictionary(text, fc.base64String()) })),
          achievements: text,
          campaignYear: fc.oneof(fc.integer(), fc.string()),
          nominee: fc.jsonValue({ maxDepth: 3 }),
        },
        { requiredKeys: [] },
      ),
      fc.integer({ min: 30, max: 200 }).map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown),
    );
    const query = fc.dictionary(
      fc.constantFrom('stage', 'limit', 'after', 'position', 'version', 'at', 'year', 'outcome', 'format', 'status'),
      fc.oneof(text, fc.integer().map(String), fc.constant('1.0'), fc.constant('999999999999.0')),
      { maxKeys: 3 },
    );
    const caller = fc.oneof(fc.constantFrom(...CALLERS), fc.constant('(none)'), fc.constant('(bad token)'));
    const headers = fc.record(
      {
        'Idempotency-Key': fc.oneof(text, fc.uuid().map(String)),
        'X-Laurel-Position': fc.oneof(text, fc.constantFrom('0.0', '1.0', '999999999999.0', '-1.-1')),
      },
      { requiredKeys: [] },
    );

    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...operations),
        id,
        body,
        query,
        caller,
        headers,
        async (operation, nominationId, payload, params, who, extra) => {
          const path = operation.path.replace('{id}', nominationId);
          const before = formatPosition(await api.stores.events.headPosition());
          let call = api.http()[operation.method](path).query(params);
          if (who === '(bad token)') call = call.set('Authorization', 'Bearer not.a.token');
          else if (who !== '(none)') call = call.set('Authorization', `Bearer ${tokens.get(who)!}`);
          for (const [name, value] of Object.entries(extra)) {
            // Header values must be Latin-1 on the wire; others are not sendable at all.
            if (/^[\u0020-\u007e]*$/.test(value)) call = call.set(name, value);
          }
          // Any JSON value, sent as its text (supertest would refuse a bare number or string).
          const response = await (operation.method === 'get'
            ? call
            : call.set('content-type', 'application/json').send(JSON.stringify(payload) ?? 'null'));
          const summary = `${operation.method.toUpperCase()} ${path} as ${who}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`;
          if (response.status >= 500) throw new Error(summary);
          if (response.status >= 400) {
            const after = formatPosition(await api.stores.events.headPosition());
            if (after !== before)
              throw new Error(`refused, yet the store moved from ${before} to ${after}: ${summary}`);
          }
        },
      ),
      { numRuns: RUNS, seed: SEED, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false },
    );
  });
});
