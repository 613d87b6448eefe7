/** Nothing of the test process's environment but PATH: a snippet run with it must get what it needs from `env` alone. */
export function onlyEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, NODE_ENV: "production", ...env };
}
