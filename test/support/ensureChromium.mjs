#!/usr/bin/env node
// `npm test`'s pretest: the browser tests drive Debian's Chromium, which npm cannot install (and the
// durability test strace, installed here too when missing).
// Present → nothing to do. Missing and running as root on Debian → apt-get installs it.
// Otherwise → one line naming the package, and a non-zero exit before any test runs.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const runnable = () => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };

// The durability test watches the server's system calls with strace; it says so and skips without
// it outside CI, so this is best effort: install it when we can, never fail the run for it here.
if (isRoot && spawnSync('strace', ['-V']).status !== 0) {
  console.log('pretest: strace is missing; installing Debian\'s "strace" with apt-get…');
  const apt = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env: aptEnv }).status === 0;
  if (!apt(['install', '-y', '-q', '--no-install-recommends', 'strace'])) apt(['update', '-q']) && apt(['install', '-y', '-q', '--no-install-recommends', 'strace']);
}

if (runnable()) process.exit(0);

if (isRoot && !process.env.CHROMIUM_PATH) {
  console.log('pretest: Chromium is missing; installing Debian\'s "chromium" with apt-get…');
  const apt = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env: aptEnv }).status === 0;
  if (apt(['update', '-q']) && apt(['install', '-y', '-q', '--no-install-recommends', 'chromium', 'fonts-dejavu-core']) && runnable()) {
    process.exit(0);
  }
}

console.error(
  `pretest: the browser tests need Chromium at ${path}: install Debian's package "chromium" (sudo apt-get install chromium) or set CHROMIUM_PATH.`,
);
process.exit(1);
