/** Variables whose values are credentials by their name: OPENAI_API_KEY, AZURE_OPENAI_API_KEY, HF_TOKEN, … */
const SECRET_NAME = /KEY|TOKEN|SECRET|PASSWORD|CREDENTIAL/i;
/** Shorter values are too common to be told from ordinary text (and too weak to be keys). */
const SHORTEST_SECRET = 8;

function credentials(env: NodeJS.ProcessEnv): [string, string][] {
  return Object.entries(env).filter(
    (entry): entry is [string, string] =>
      !!entry[1] && entry[1].length >= SHORTEST_SECRET && SECRET_NAME.test(entry[0]),
  );
}

/**
 * Masks the values of the environment's credential variables in text the CLI prints for debugging (stacks and
 * causes, which can quote what an endpoint echoed back, a key included).
 */
export function redactEnvSecrets(text: string, env: NodeJS.ProcessEnv): string {
  let out = text;
  for (const [name, value] of credentials(env)) out = out.split(value).join(`***${name}***`);
  return out;
}

/** The credential variables (by name) whose values occur in `text`: text that must not be written to a file. */
export function envSecretsIn(text: string, env: NodeJS.ProcessEnv): string[] {
  return credentials(env)
    .filter(([, value]) => text.includes(value))
    .map(([name]) => name);
}
