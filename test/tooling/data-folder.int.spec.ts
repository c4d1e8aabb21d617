import { chmod, mkdtemp, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../infra/config/config';
import { privateFileCreation, secureDataFolder } from '../../infra/runtime/data-folder';
import { openStores } from '../../infra/runtime/stores';

async function modes(dir: string): Promise<{ path: string; mode: number; folder: boolean }[]> {
  const out: { path: string; mode: number; folder: boolean }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    out.push({ path, mode: (await stat(path)).mode & 0o777, folder: entry.isDirectory() });
  }
  return out;
}

describe('the data folder is private to the user that runs Laurel', () => {
  let dir: string;

  beforeEach(async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'laurel-data-')), 'data');
  });
  afterEach(async () => {
    await rm(join(dir, '..'), { recursive: true, force: true });
  });

  it('opens the embedded store with the folder 0700 and every file in it 0600, even under a permissive umask', async () => {
    // The embedded store's files were seen world-writable (0666) under umask 000.
    const previous = process.umask(0);
    try {
      const stores = await openStores(loadConfig({ LAUREL_DATA_DIR: dir }));
      await stores.close();
    } finally {
      process.umask(previous);
    }
    // The next start, as Laurel's entry points run it (privateFileCreation), tightens
    // whatever the first one created under umask 000, and creates nothing looser.
    const outer = process.umask();
    privateFileCreation();
    try {
      const again = await openStores(loadConfig({ LAUREL_DATA_DIR: dir }));
      await again.close();
    } finally {
      process.umask(outer);
    }
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    const entries = await modes(dir);
    expect(entries.length).toBeGreaterThan(10);
    expect(entries.filter((e) => (e.folder ? e.mode !== 0o700 : e.mode !== 0o600))).toEqual([]);
  }, 60_000);

  it('warns about a key file that others could read, and makes it 0600', async () => {
    await mkdir(join(dir, 'auth'), { recursive: true });
    await writeFile(join(dir, 'payload-key'), 'k\n');
    await chmod(join(dir, 'payload-key'), 0o644);
    await writeFile(join(dir, 'auth', 'jwt-secret'), 's\n', { mode: 0o600 });
    const warnings = await secureDataFolder(dir);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('payload-key');
    expect(warnings[0]).toContain('rotate');
    expect((await stat(join(dir, 'payload-key'))).mode & 0o777).toBe(0o600);
    expect(await secureDataFolder(dir)).toEqual([]);
  });
});
