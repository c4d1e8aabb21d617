import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@laurel/infra/config/config';
import { embeddedJwtKey } from './jwt-secret';

describe('the embedded token key', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'laurel-key-'));
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is AUTH_JWT_SECRET when set, and nothing is written', async () => {
    const secret = 'a'.repeat(40);
    const key = await embeddedJwtKey(loadConfig({ LAUREL_DATA_DIR: dataDir, AUTH_JWT_SECRET: secret }));
    expect(Buffer.from(key).toString()).toBe(secret);
    await expect(stat(join(dataDir, 'auth', 'jwt-secret'))).rejects.toThrow();
  });

  it('is generated once into the data folder, readable by its owner only, and reused', async () => {
    const config = loadConfig({ LAUREL_DATA_DIR: dataDir });
    const first = await embeddedJwtKey(config);
    const second = await embeddedJwtKey(config);
    expect(Buffer.from(second).toString()).toBe(Buffer.from(first).toString());
    expect(first.length).toBeGreaterThanOrEqual(32);
    const file = join(dataDir, 'auth', 'jwt-secret');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, 'utf8')).trim()).toBe(Buffer.from(first).toString());
  });

  it('refuses a short AUTH_JWT_SECRET at boot', () => {
    expect(() => loadConfig({ AUTH_JWT_SECRET: 'short' })).toThrow(/AUTH_JWT_SECRET/);
  });
});

describe('OIDC settings', () => {
  it('come all three together or not at all', () => {
    expect(() => loadConfig({ AUTH_ISSUER: 'https://sso.example' })).toThrow(/set all three/);
    expect(
      loadConfig({
        AUTH_ISSUER: 'https://sso.example',
        AUTH_AUDIENCE: 'laurel',
        AUTH_JWKS_URL: 'https://sso.example/jwks',
      }).AUTH_JWKS_URL,
    ).toBe('https://sso.example/jwks');
  });

  it('read BODY_LIMIT as a size', () => {
    expect(loadConfig({}).BODY_LIMIT).toBe(64 * 1024);
    expect(loadConfig({ BODY_LIMIT: '1mb' }).BODY_LIMIT).toBe(1024 * 1024);
    expect(() => loadConfig({ BODY_LIMIT: 'lots' })).toThrow(/BODY_LIMIT/);
  });
});
