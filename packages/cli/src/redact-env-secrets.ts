/** Variables whose values are credentials by their name: OPENAI_API_KEY, AZURE_OPENAI_API_KEY, HF_TOKEN, … */
const SECRET_NAME = /KEY|TOKEN|SECRET|PASSWORD|CREDENTIAL/i;
/** Shorter values are too common to be told from ordinary text (and too weak to be keys). */
const SHORTEST_SECRET = 8;

/**
 * Masks the values of the environment's credential variables in text the CLI prints for debugging (stacks and
 * causes, which can quote what an endpoint echoed back, a key included).
 */
export function redactEnvSecrets(text: string, env: NodeJS.ProcessEnv): string {
  let out = text;
  for (const [name, value] of Object.entries(env)) {
    if (!value || value.length < SHORTEST_SECRET || !SECRET_NAME.test(name)) continue;
    out = out.split(value).join(`***${name}***`);
  }
  return out;
}
