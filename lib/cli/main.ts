// The admin CLI: `npm run latchkey -- <command>`. Every command goes through the same
// domain functions and validation as the portal.
import { db } from "@/lib/db/prisma";
import { DomainError } from "@/lib/errors";
import { logToStderr } from "@/lib/logging/logger";
import { parseCommandArgs, UsageError, type Command, type Output } from "./command";
import { backupCommand, restoreCommand } from "./commands/backup";
import { addClientKeyCommand, deleteClientKeyCommand, listClientKeysCommand } from "./commands/client-keys";
import { createClientCommand, listClientsCommand } from "./commands/clients";
import { ROLE_COMMANDS } from "./commands/roles";
import { addSecretCommand, deleteSecretCommand, listSecretsCommand } from "./commands/secrets";
import { seedDemoCommand } from "./commands/seed-demo";
import { listSigningKeysCommand, rekeySigningKeysCommand, revokeSigningKeyCommand, rotateSigningKeyCommand } from "./commands/signing-keys";
import {
  createEnvironmentCommand,
  deleteEnvironmentCommand,
  listEnvironmentsCommand,
  renameEnvironmentCommand,
  setSettingsCommand,
  showSettingsCommand,
} from "./commands/settings";
import { createTenantCommand } from "./commands/tenants";
import { addUserCommand, signOutUserCommand } from "./commands/users";

const COMMANDS: Command[] = [
  createTenantCommand,
  addUserCommand,
  signOutUserCommand,
  createClientCommand,
  listClientsCommand,
  addSecretCommand,
  deleteSecretCommand,
  listSecretsCommand,
  addClientKeyCommand,
  deleteClientKeyCommand,
  listClientKeysCommand,
  ...ROLE_COMMANDS,
  showSettingsCommand,
  setSettingsCommand,
  listEnvironmentsCommand,
  createEnvironmentCommand,
  renameEnvironmentCommand,
  deleteEnvironmentCommand,
  listSigningKeysCommand,
  rotateSigningKeyCommand,
  revokeSigningKeyCommand,
  rekeySigningKeysCommand,
  seedDemoCommand,
  backupCommand,
  restoreCommand,
];

function usage(): string {
  return ["Usage: npm run latchkey -- <command>", ...COMMANDS.map((c) => `  ${c.usage}`)].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const json = argv.includes("--json");
  const fail = (code: number, message: string) => {
    // One line on stderr, also in --json mode, so scripts can rely on stdout being clean.
    process.stderr.write(`latchkey: ${message.replace(/\s*\n\s*/g, " ")}\n`);
    return code;
  };
  if (argv.length === 0 || argv[0] === "help" || argv[0] === "--help") {
    process.stdout.write(`${usage()}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  // A command's name is one word (backup) or two (clients create).
  const command = COMMANDS.find((c) => argv.slice(0, c.name.split(" ").length).join(" ") === c.name);
  if (!command) return fail(2, `unknown command "${argv.slice(0, 2).join(" ")}"; run "npm run latchkey -- help"`);

  const out: Output = {
    json,
    print: (text) => process.stdout.write(`${text}\n`),
    printJson: (value) => process.stdout.write(`${JSON.stringify(value)}\n`),
  };
  try {
    const code = await command.run(parseCommandArgs(command.options, argv.slice(command.name.split(" ").length)), out);
    // Commands end with `return out.print…(…)`, whose value is no exit code.
    return typeof code === "number" ? code : 0;
  } catch (error) {
    if (error instanceof UsageError) return fail(2, `${error.message} (usage: ${command.usage})`);
    if ((error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) return fail(2, `${(error as Error).message} (usage: ${command.usage})`);
    if (error instanceof DomainError) return fail(error.code === "VALIDATION" ? 2 : 1, error.message);
    console.error(error);
    return fail(1, "unexpected error; see the message above");
  }
}

// What the shared code logs (a file it cannot restrict, a signing key refused) is not output.
logToStderr();
process.exitCode = await main(process.argv.slice(2)).finally(() => db.$disconnect());
