import { randomUUID } from 'node:crypto';
import { ApiHarness, NT, draftBody, expectError } from '../support/api-harness';

/**
 * Input that once answered 500 or hung: every such request now gets a clear
 * 400 before anything walks it, and writes nothing.
 */
describe('hostile input: refused with 400 before any recursive walk, nothing written', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await ApiHarness.start();
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
  });

  async function eventCount(): Promise<number> {
    let count = 0;
    for await (const _event of api.stores.events.readAll()) count++;
    return count;
  }

  const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

  it('JSON nested 10,000 deep (under the size limit) is 400 BODY_TOO_DEEP on every body route, signed in or not', async () => {
    const before = await eventCount();
    const body = `{"username":${deep(10_000)}}`;
    expect(Buffer.byteLength(body)).toBeLessThan(64 * 1024);
    const token = await api.token(NT.officer);
    for (const path of ['/auth/token', '/codec/decode', '/nominations']) {
      const response = await api
        .http()
        .post(path)
        .set('content-type', 'application/json')
        .set('authorization', `Bearer ${token}`)
        .send(body);
      expectError(response, 400, 'BODY_TOO_DEEP');
    }
    expect(await eventCount()).toBe(before);
  });

  it('a body of ordinary depth still goes through', async () => {
    const drafted = await api.draft();
    expect(drafted.stage).toBe('Draft');
  });

  it('invalid UTF-8 is 400 INVALID_ENCODING, and no U+FFFD reaches the store', async () => {
    const before = await eventCount();
    const valid = Buffer.from(JSON.stringify(draftBody({ nominee: { kind: 'individual', name: 'Nguyễn Văn A' } })));
    // Cut the two-byte "ễ" sequence's continuation: 0xE1 0xBB 0x85 → 0xE1 0x28.
    const at = valid.indexOf(Buffer.from('ễ'));
    const broken = Buffer.concat([valid.subarray(0, at), Buffer.from([0xe1, 0x28]), valid.subarray(at + 3)]);
    const response = await api
      .http()
      .post('/nominations')
      .set('content-type', 'application/json')
      .set(await api.authHeader(NT.officer))
      // The raw bytes as they are: superagent would otherwise serialise the Buffer as JSON.
      .serialize((bytes: unknown) => bytes as string)
      .send(broken);
    const error = expectError(response, 400, 'INVALID_ENCODING');
    expect(error.details['byteOffset']).toBeGreaterThanOrEqual(at - 4);
    expect(await eventCount()).toBe(before);
  });

  it('a NUL or bad percent-encoding in a path is 400 INVALID_PATH; an id that is not a UUID is 400 INVALID_ID', async () => {
    expectError(await api.get(NT.auditor, '/nominations/%00'), 400, 'INVALID_PATH');
    expectError(await api.get(NT.auditor, `/nominations/${randomUUID()}%00/history`), 400, 'INVALID_PATH');
    // Bad percent-encoding is refused by the router itself, still as a 400 in the API's error shape.
    expectError(await api.get(NT.auditor, '/nominations/%E0%A4%A'), 400);
    expectError(await api.get(NT.auditor, '/nominations/..%2F..%2Fx'), 400, 'INVALID_ID');
    expectError(await api.post(NT.head, '/nominations/not-a-nomination/submit'), 400, 'INVALID_ID');
    // A well-formed id that names nothing is still 404.
    expectError(await api.get(NT.auditor, `/nominations/${randomUUID()}`), 404, 'NOT_FOUND');
  });

  it('a read position beyond the store head is 400 POSITION_AHEAD at once, not a wait and a 503', async () => {
    const response = await api.get(NT.officer, '/tasks', { 'X-Laurel-Position': '999999999999.0' });
    const error = expectError(response, 400, 'POSITION_AHEAD');
    expect(error.details['head']).toMatch(/^-?\d+\.-?\d+$/);
  });

  it('a position an action returned is still waited for and read', async () => {
    const drafted = await api.draft();
    const response = await api.get(NT.officer, `/nominations/${drafted.nominationId}`, {
      'X-Laurel-Position': drafted.position,
    });
    expect({ status: response.status, body: response.body as unknown }).toMatchObject({ status: 200 });
  });
});
