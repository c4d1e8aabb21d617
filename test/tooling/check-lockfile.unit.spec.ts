import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The lock check reads package.json and package-lock.json only, so these tests
// hand it edited copies of the project's own files.
const root = resolve(__dirname, '../..');
const script = join(root, 'scripts/check-lockfile.cjs');
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function check(lockJson: unknown, manifestJson: unknown): { code: number; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'laurel-lock-'));
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(lockJson));
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifestJson));
  try {
    execFileSync('node', [script, join(dir, 'package-lock.json'), join(dir, 'package.json')], { stdio: 'pipe' });
    return { code: 0, stderr: '' };
  } catch (error) {
    const failed = error as { status: number; stderr: Buffer };
    return { code: failed.status, stderr: failed.stderr.toString() };
  }
}

describe('scripts/check-lockfile.cjs', () => {
  it("accepts the project's own lock and package.json", () => {
    expect(check(lock, manifest)).toEqual({ code: 0, stderr: '' });
  });

  it('names an optional platform binary whose entry the lock lacks', () => {
    const packages = { ...lock.packages };
    delete packages['node_modules/@swc/core-darwin-arm64'];
    const result = check({ ...lock, packages }, manifest);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('@swc/core-darwin-arm64@');
    expect(result.stderr).toContain('needed by node_modules/@swc/core');
  });

  it('names a dependency added to package.json without its lock entries', () => {
    const added = { ...manifest, dependencies: { ...manifest.dependencies, 'left-pad': '^1.3.0' } };
    const result = check(lock, added);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('left-pad@^1.3.0 is in package.json dependencies but not in the lock');
  });

  it('names a range changed in package.json but not in the lock', () => {
    const changed = { ...manifest, dependencies: { ...manifest.dependencies, pg: '^9.0.0' } };
    const result = check(lock, changed);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('pg: package.json asks for ^9.0.0');
  });
});
