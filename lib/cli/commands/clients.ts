import { createClient } from "@/lib/clients/create-client";
import { listClients } from "@/lib/clients/list-clients";
import { findRoleIdsByName } from "@/lib/roles/find-role-ids-by-name";
import { cliTenantContext } from "@/lib/tenants/load-tenant-context";
import { findEnvironmentIdByName } from "@/lib/environments/find-environment-id-by-name";
import { getTenantSettings } from "@/lib/tenants/get-tenant-settings";
import { CLIENT_TYPES, SECURITY_TYPES, type TClientType, type TCreateClient } from "@/lib/validation/client";
import { CLIENT_LIST_PAGE_SIZES } from "@/lib/validation/client-list";
import { defaultSecretExpiry } from "@/lib/validation/secret";
import { JSON_OPTION, TENANT_OPTION, UsageError, list, optional, required, type Command } from "../command";
import { readKeyFile } from "../read-key-file";

export const createClientCommand: Command = {
  name: "clients create",
  usage:
    "clients create --tenant S --type client-credentials|authorization-code|hybrid --name N [--environment E] [--role R]... [--lifetime SEC] [--token-signing-alg ES256|RS256] [--client-id GUID] [--redirect-uri URL]... [--logout-redirect-uri URL]... [--cors-origin ORIGIN]... [--allow-refresh-token] [--secret-description D] [--secret-expires YYYY-MM-DD|never] [--security-type client-secret|signed-jwt --public-key FILE|- [--key-description D]] [--json]",
  options: {
    ...TENANT_OPTION,
    type: { type: "string" },
    name: { type: "string" },
    description: { type: "string" },
    environment: { type: "string" },
    role: { type: "string", multiple: true },
    lifetime: { type: "string" },
    "redirect-uri": { type: "string", multiple: true },
    "logout-redirect-uri": { type: "string", multiple: true },
    "cors-origin": { type: "string", multiple: true },
    "allow-refresh-token": { type: "boolean" },
    "client-id": { type: "string" },
    "token-signing-alg": { type: "string" },
    "secret-description": { type: "string" },
    "secret-expires": { type: "string" },
    "security-type": { type: "string" },
    "public-key": { type: "string" },
    "key-description": { type: "string" },
    ...JSON_OPTION,
  },
  async run(values, out) {
    // Argument checks come before any lookup, so a bad command line is always exit code 2.
    const type = required(values, "type");
    const name = required(values, "name");
    if (!(CLIENT_TYPES as readonly string[]).includes(type)) throw new UsageError(`--type must be one of ${CLIENT_TYPES.join(", ")}`);
    const securityType = optional(values, "security-type") ?? "client-secret";
    if (!(SECURITY_TYPES as readonly string[]).includes(securityType)) throw new UsageError(`--security-type must be one of ${SECURITY_TYPES.join(", ")}`);
    if (securityType === "signed-jwt" && type !== "client-credentials") throw new UsageError("--security-type signed-jwt is for client-credentials clients");
    const keyFile = optional(values, "public-key");
    if ((securityType === "signed-jwt") !== (keyFile !== undefined))
      throw new UsageError("--public-key FILE goes with --security-type signed-jwt, and only with it");
    const publicKey = keyFile === undefined ? undefined : { key: readKeyFile(keyFile), description: optional(values, "key-description") ?? "" };
    const environment = optional(values, "environment");
    const ctx = await cliTenantContext(required(values, "tenant"));
    const policy = await getTenantSettings(ctx);
    const client = await createClient(ctx, {
      type: type as TClientType,
      name,
      description: optional(values, "description"),
      clientId: optional(values, "client-id"),
      environmentId: environment && (await findEnvironmentIdByName(ctx, environment)),
      roleIds: await findRoleIdsByName(ctx, list(values, "role"), "role"),
      tokenLifetime: optional(values, "lifetime"),
      tokenSigningAlg: optional(values, "token-signing-alg"),
      securityType,
      publicKey,
      redirectUris: list(values, "redirect-uri"),
      postLogoutRedirectUris: list(values, "logout-redirect-uri"),
      corsOrigins: list(values, "cors-origin"),
      allowRefreshToken: values["allow-refresh-token"] === true,
      secret:
        securityType === "signed-jwt"
          ? undefined
          : {
              description: optional(values, "secret-description") ?? "",
              expires: optional(values, "secret-expires") ?? defaultSecretExpiry(new Date(), policy.maxSecretLifetimeDays),
            },
    } as TCreateClient);
    const base = {
      tenant: ctx.tenantSlug,
      clientId: client.clientId,
      name: client.name,
      type: client.type,
      securityType: client.securityType,
      tokenSigningAlg: client.tokenSigningAlg,
      environment: client.environment,
      tokenLifetime: client.tokenLifetime,
      roles: client.roles,
      ...(client.key ? { key: client.key } : {}),
    };
    if (!client.secret) {
      if (out.json) return out.printJson(base);
      out.print(`Created ${client.type} client "${client.name}" in ${client.environment}\nClient Id: ${client.clientId}`);
      if (client.key) out.print(`It authenticates with JWTs signed by its ${client.key.summary} key "${client.key.kid}" (private_key_jwt).`);
      return;
    }
    const { plaintext, ...secret } = client.secret;
    if (out.json) return out.printJson({ ...base, clientSecret: plaintext, secret });
    out.print(`Created ${client.type} client "${client.name}" in ${client.environment}`);
    out.print(`Client Id:     ${client.clientId}`);
    out.print(`Client Secret: ${plaintext}`);
    out.print(`This secret is shown once and cannot be retrieved again. Expires: ${secret.expiresAt?.toISOString() ?? "never"}`);
  },
};

export const listClientsCommand: Command = {
  name: "clients list",
  usage:
    "clients list --tenant S [--type client-credentials|authorization-code|hybrid] [--environment E] [--search TEXT] [--page N] [--page-size 10|25|50|100] [--json]",
  options: {
    ...TENANT_OPTION,
    type: { type: "string" },
    environment: { type: "string" },
    search: { type: "string" },
    page: { type: "string" },
    "page-size": { type: "string" },
    ...JSON_OPTION,
  },
  async run(values, out) {
    // The list's schema forgives bad values (they come from editable URLs); an operator's
    // typo should be an error instead, checked before any lookup (exit code 2).
    const type = optional(values, "type");
    if (type !== undefined && !(CLIENT_TYPES as readonly string[]).includes(type)) throw new UsageError(`--type must be one of ${CLIENT_TYPES.join(", ")}`);
    const page = optional(values, "page");
    if (page !== undefined && !/^[1-9]\d{0,6}$/.test(page)) throw new UsageError("--page must be a page number (1, 2, …)");
    const pageSize = optional(values, "page-size");
    if (pageSize !== undefined && !(CLIENT_LIST_PAGE_SIZES as readonly number[]).includes(Number(pageSize))) {
      throw new UsageError(`--page-size must be one of ${CLIENT_LIST_PAGE_SIZES.join(", ")}`);
    }
    const ctx = await cliTenantContext(required(values, "tenant"));
    const environment = optional(values, "environment");
    const search = optional(values, "search");
    const result = await listClients(ctx, {
      type: type as TClientType | undefined,
      environment: environment && (await findEnvironmentIdByName(ctx, environment)),
      q: search,
      page: page === undefined ? undefined : Number(page),
      pageSize: pageSize === undefined ? undefined : Number(pageSize),
    });
    const { clients, total, pageCount } = result;
    if (out.json) return out.printJson({ tenant: ctx.tenantSlug, clients, total, page: result.page, pageSize: result.pageSize, pageCount });
    if (!clients.length) return out.print(total === 0 && !type && !environment && !search ? `No clients in ${ctx.tenantSlug}` : "No clients match");
    for (const c of clients) {
      out.print(`${c.clientId}  ${c.type.padEnd(18)}  ${c.environment.padEnd(12)}  ${c.name}  (${c.secretCount} secret${c.secretCount === 1 ? "" : "s"})`);
    }
    if (pageCount > 1) out.print(`Page ${result.page} of ${pageCount} (${total} clients); use --page N for more`);
  },
};
