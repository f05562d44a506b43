/**
 * commander's own errors (a missing argument, an unknown option or command) in the form of every other user error:
 * one line `tunekit: …`. It writes `error: …`, and a suggestion on a line of its own.
 */
export function commanderErrorLine(text: string): string {
  const message = text
    .replace(/^error:\s*/i, '')
    .replace(/\(Did you mean/g, '(did you mean')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ');
  return `tunekit: ${message}\n`;
}
