import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Where the program of a command is: a name with a slash is a path from `cwd`, a bare name is looked up on PATH.
 * Undefined when there is no such executable file, so the run can say so before it records a job.
 */
export function findProgram(program: string, cwd: string, env: NodeJS.ProcessEnv): string | undefined {
  if (program.includes('/') || isAbsolute(program)) {
    const path = resolve(cwd, program);
    return executable(path) ? path : undefined;
  }
  for (const folder of (env.PATH ?? '').split(delimiter)) {
    if (folder === '') continue;
    const path = join(resolve(cwd, folder), program);
    if (executable(path)) return path;
  }
  return undefined;
}
