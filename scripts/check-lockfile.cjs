#!/usr/bin/env node
// Fails, naming what is wrong, when package.json and package-lock.json disagree.
// Reads the two files only (no npm output, no node_modules), so it runs before
// `npm ci` and its answer does not depend on the wording of npm's messages.
//
// Two checks:
//  1. The lock's root entry declares exactly the ranges package.json declares
//     (npm writes them there on every `npm install`).
//  2. Every dependency of every locked package (optional platform binaries
//     included) resolves to a locked entry by Node's lookup: the package's own
//     node_modules, then each parent's, up to the root. A lock written on a
//     registry that hid some platforms lacks those entries; `npm ci` then refuses.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const lockPath = path.resolve(args[0] ?? path.join(root, 'package-lock.json'));
const manifestPath = path.resolve(args[1] ?? path.join(root, 'package.json'));

const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
const packages = lock.packages ?? {};
const problems = [];

if (lock.lockfileVersion < 2)
  problems.push(`lockfileVersion ${lock.lockfileVersion} has no "packages" map; npm 7 or newer writes version 3`);

const kinds = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'];
const lockRoot = packages[''] ?? {};
for (const kind of kinds) {
  const wanted = manifest[kind] ?? {};
  const locked = lockRoot[kind] ?? {};
  for (const [name, range] of Object.entries(wanted)) {
    if (!(name in locked)) problems.push(`${name}@${range} is in package.json ${kind} but not in the lock`);
    else if (locked[name] !== range)
      problems.push(`${name}: package.json asks for ${range}, the lock was written for ${locked[name]}`);
  }
  for (const name of Object.keys(locked)) {
    if (!(name in wanted)) problems.push(`${name} is in the lock's ${kind} but no longer in package.json`);
  }
}

function resolves(fromPath, name) {
  let base = fromPath;
  for (;;) {
    const candidate = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (candidate in packages) return true;
    if (base === '') return false;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut < 0 ? '' : base.slice(0, cut);
  }
}

let missing = 0;
for (const [pkgPath, entry] of Object.entries(packages)) {
  if (entry.link) continue;
  const optionalPeers = entry.peerDependenciesMeta ?? {};
  const deps = {
    ...(entry.dependencies ?? {}),
    ...(entry.optionalDependencies ?? {}),
    ...Object.fromEntries(Object.entries(entry.peerDependencies ?? {}).filter(([n]) => !optionalPeers[n]?.optional)),
  };
  for (const [name, range] of Object.entries(deps)) {
    if (resolves(pkgPath, name)) continue;
    missing += 1;
    if (missing <= 30)
      problems.push(`${name}@${range} (needed by ${pkgPath || 'the project'}) has no entry in the lock`);
  }
}
if (missing > 30) problems.push(`… and ${missing - 30} more entries missing`);

if (problems.length > 0) {
  console.error(
    `package.json and ${path.basename(lockPath)} disagree (${problems.length} problem${problems.length === 1 ? '' : 's'}):`,
  );
  for (const p of problems) console.error(`  - ${p}`);
  console.error('Fix: run `npm install` with the full npm registry, then commit package-lock.json whole.');
  process.exit(1);
}
