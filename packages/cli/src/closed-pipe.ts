/**
 * A reader that stops early (`tunekit schema | head`) closes the pipe under stdout: stop quietly with the exit code
 * so far, as Unix tools do, instead of dying on an unhandled EPIPE with a stack trace.
 */
export function exitQuietlyOnClosedPipe(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}
