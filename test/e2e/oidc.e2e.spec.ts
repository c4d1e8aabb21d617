import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWK } from 'jose';
import { jose } from '../../apps/api/src/auth/jose';
import { ApiHarness, NT, draftBody, expectError } from '../support/api-harness';

const ISSUER = 'https://sso.ninhthuan.example/realms/laurel';
const AUDIENCE = 'laurel-api';

/** An identity provider in miniature: one RS256 key, published as a JWKS over HTTP. */
async function identityProvider(): Promise<{
  jwksUrl: string;
  sign(claims: Record<string, unknown>, options?: { audience?: string; expiresIn?: string }): Promise<string>;
  close(): Promise<void>;
}> {
  const { generateKeyPair, exportJWK, SignJWT } = await jose();
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const sign = (claims: Record<string, unknown>, options: { audience?: string; expiresIn?: string } = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setIssuer(ISSUER)
      .setAudience(options.audience ?? AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '5m')
      .sign(privateKey);
  return {
    jwksUrl: `http://127.0.0.1:${port}/protocol/openid-connect/certs`,
    sign,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('production mode: OIDC tokens verified by JWKS', () => {
  let api: ApiHarness;
  let idp: Awaited<ReturnType<typeof identityProvider>>;

  beforeAll(async () => {
    idp = await identityProvider();
    api = await ApiHarness.start({ AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE, AUTH_JWKS_URL: idp.jwksUrl });
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    await idp?.close();
  });

  it('turns embedded login off', async () => {
    const response = await api.http().post('/auth/token').send({ username: NT.officer, password: api.password });
    expectError(response, 404, 'EMBEDDED_LOGIN_DISABLED');
  });

  it('maps sub, name, laurel_role and laurel_unit to the caller; the block and province come from the directory', async () => {
    const token = await idp.sign({
      sub: NT.officer,
      name: 'Trương Thị Bích Ngọc',
      laurel_role: 'unit_officer',
      laurel_unit: NT.proposingUnit,
    });
    const drafted = await api.http().post('/nominations').set('Authorization', `Bearer ${token}`).send(draftBody());
    expect(drafted.status).toBe(201);
    const [event] = await api.stream((drafted.body as { nominationId: string }).nominationId);
    expect(event!.metadata['actor']).toEqual({
      userId: NT.officer,
      role: 'unit_officer',
      unitId: NT.proposingUnit,
      blockId: NT.block,
    });
    expect(event!.data).toMatchObject({ province: NT.province, blockId: NT.block });
  });

  it('refuses tokens without Laurel claims, for another audience, expired, or signed by another key', async () => {
    const noRole = await idp.sign({ sub: 'someone' });
    const otherAudience = await idp.sign({ sub: NT.auditor, laurel_role: 'auditor' }, { audience: 'another-app' });
    const expired = await idp.sign({ sub: NT.auditor, laurel_role: 'auditor' }, { expiresIn: '-1m' });
    const otherProvider = await identityProvider();
    const stranger = await otherProvider.sign({ sub: NT.auditor, laurel_role: 'auditor' });
    await otherProvider.close();
    for (const token of [noRole, otherAudience, expired, stranger]) {
      expectError(await api.http().get('/tasks').set('Authorization', `Bearer ${token}`), 401, 'INVALID_TOKEN');
    }
    const auditor = await idp.sign({ sub: NT.auditor, laurel_role: 'auditor', laurel_province: NT.province });
    expect((await api.http().get('/tasks').set('Authorization', `Bearer ${auditor}`)).status).toBe(200);
  });

  it('keeps one person from acting at two stages, even when the provider gives them two roles', async () => {
    const bearer = async (claims: Record<string, unknown>) => ({ Authorization: `Bearer ${await idp.sign(claims)}` });
    const as = async (claims: Record<string, unknown>, path: string, body?: object) => {
      const response = await api
        .http()
        .post(path)
        .set(await bearer(claims))
        .send(body);
      if (response.status !== 200 && response.status !== 201) {
        throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
      }
      return response.body as { nominationId: string };
    };
    // The same person (one `sub`) heads the proposing unit and sits on the provincial council.
    const person = 'nt-dual-role-person';
    const asHead = { sub: person, laurel_role: 'unit_head', laurel_unit: NT.proposingUnit };
    const asCouncillor = { sub: person, laurel_role: 'council_member', laurel_unit: 'nt-home-affairs' };

    const { nominationId: id } = await as(
      { sub: NT.officer, laurel_role: 'unit_officer', laurel_unit: NT.proposingUnit },
      '/nominations',
      draftBody(),
    );
    await as(asHead, `/nominations/${id}/submit`);
    for (const voter of NT.voters.slice(0, 5)) {
      const unit = api.directory.findUser(voter)!.unitId;
      await as({ sub: voter, laurel_role: 'unit_head', laurel_unit: unit }, `/nominations/${id}/votes`, {
        choice: 'approve',
      });
    }
    await as(
      { sub: NT.leader, laurel_role: 'block_leader', laurel_block: NT.block },
      `/nominations/${id}/block-vote/close`,
    );
    const before = await api.streamVersion(id);

    const refused = await api
      .http()
      .post(`/nominations/${id}/council-opinions`)
      .set(await bearer(asCouncillor))
      .send({ recommendation: 'approve' });
    expectError(refused, 403, 'SEPARATION_OF_DUTIES');
    expect(await api.streamVersion(id)).toBe(before);
  });
});
