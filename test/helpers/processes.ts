import { type ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { join } from 'node:path';

/** The project's root folder. */
export const projectRoot = join(__dirname, '..', '..');

/**
 * Runs a TypeScript file of the project (path from the project's root) in a process of its own, with
 * `env` over this process's environment; stdout and stderr are piped. It is node itself with tsx's loader,
 * not the tsx launcher, which would outlive a child that is killed.
 */
export function spawnScript(
  path: string,
  env: Record<string, string>,
): ChildProcessByStdio<null, Readable, Readable> {
  return spawn(process.execPath, ['--import', 'tsx', join(projectRoot, path)], {
    cwd: projectRoot,
    env: { ...process.env, NODE_OPTIONS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
