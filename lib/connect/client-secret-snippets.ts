import { SECRET_ENV, type ConnectInput, type Snippet } from "./connect-input";
import { commentLines, commentText, csString, jsString, psString, pyString, shellWord } from "./quote";
import { openidClientDiscovery } from "./openid-client-discovery";

/** The first comment lines every client-credentials snippet shares (comment marker given). */
export function clientCredentialsHeader({ client }: ConnectInput, how: string): string[] {
  return [
    `Access token for Latchkey client “${commentText(client.name)}” (client credentials${how}).`,
    ...(client.roles.length ? [`Its tokens carry the roles: ${commentText(client.roles.join(", "))}.`] : []),
  ];
}

const SECRET_LINE = `The secret comes from the ${SECRET_ENV} environment variable: keep it out of code.`;

/** A client-credentials client with a client secret (client_secret_basic, as the token service registers it). */
export function clientSecretSnippets(input: ConnectInput): Snippet[] {
  const { client, urls } = input;
  const header = clientCredentialsHeader(input, "");
  return [
    {
      id: "curl",
      label: "curl",
      // No comment lines: zsh runs a pasted "# …" as a command (interactive_comments is off by
      // default), which would expand a "$(…)" in a client's name.
      note: `For a shell (bash, zsh, sh). Set ${SECRET_ENV} to the client secret first, and keep it out of scripts.`,
      code: [
        `curl -sS ${shellWord(urls.token)} \\`,
        `  -u ${shellWord(`${client.clientId}:`)}"\${${SECRET_ENV}:?Set ${SECRET_ENV} to the client secret}" \\`,
        `  -d grant_type=client_credentials \\`,
        `  --data-urlencode ${shellWord(`resource=${urls.audience}`)}`,
      ].join("\n"),
    },
    {
      id: "python",
      label: "Python",
      note: "Needs the requests package: pip install requests",
      code: [
        commentLines("python", [...header, SECRET_LINE]),
        "import os",
        "",
        "import requests",
        "",
        "response = requests.post(",
        `    ${pyString(urls.token)},`,
        `    auth=(${pyString(client.clientId)}, os.environ[${pyString(SECRET_ENV)}]),`,
        `    data={"grant_type": "client_credentials", "resource": ${pyString(urls.audience)}},`,
        "    timeout=30,",
        ")",
        "response.raise_for_status()",
        'print(response.json()["access_token"])',
      ].join("\n"),
    },
    {
      id: "node",
      label: "Node.js",
      note: "Needs Node.js 20 or later and openid-client 6: npm install openid-client. Save as token.mjs and run: node token.mjs",
      code: [
        commentLines("javascript", [...header, SECRET_LINE]),
        'import * as client from "openid-client";',
        "",
        `const secret = process.env.${SECRET_ENV};`,
        `if (!secret) throw new Error(${jsString(`Set ${SECRET_ENV} to the client secret`)});`,
        "",
        `const config = await ${openidClientDiscovery(input, "client.ClientSecretBasic(secret)")};`,
        `const tokens = await client.clientCredentialsGrant(config, { resource: ${jsString(urls.audience)} });`,
        "console.log(tokens.access_token);",
      ].join("\n"),
    },
    {
      id: "csharp",
      label: "C#",
      note: "For .NET 6 or later (top-level statements, implicit usings); HttpClient is part of .NET.",
      code: [
        commentLines("csharp", [...header, SECRET_LINE]),
        "using System.Net.Http.Headers;",
        "using System.Text;",
        "using System.Text.Json;",
        "",
        `var clientId = ${csString(client.clientId)};`,
        `var clientSecret = Environment.GetEnvironmentVariable(${csString(SECRET_ENV)})`,
        `    ?? throw new InvalidOperationException(${csString(`Set ${SECRET_ENV} to the client secret`)});`,
        "",
        "using var http = new HttpClient();",
        `using var request = new HttpRequestMessage(HttpMethod.Post, ${csString(urls.token)})`,
        "{",
        "    Content = new FormUrlEncodedContent(new Dictionary<string, string>",
        "    {",
        '        ["grant_type"] = "client_credentials",',
        `        ["resource"] = ${csString(urls.audience)},`,
        "    }),",
        "};",
        "// client_secret_basic: id and secret are form-encoded before Base64 (RFC 6749, 2.3.1).",
        'var basic = $"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(clientSecret)}";',
        'request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(basic)));',
        "",
        "using var response = await http.SendAsync(request);",
        "response.EnsureSuccessStatusCode();",
        "using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());",
        'Console.WriteLine(json.RootElement.GetProperty("access_token").GetString());',
      ].join("\n"),
    },
    {
      id: "powershell",
      label: "PowerShell",
      note: "For Windows PowerShell 5.1 and PowerShell 7.",
      code: [
        commentLines("powershell", [...header, SECRET_LINE]),
        `$clientId = ${psString(client.clientId)}`,
        `$secret = $env:${SECRET_ENV}`,
        `if (-not $secret) { throw ${psString(`Set ${SECRET_ENV} to the client secret`)} }`,
        "# client_secret_basic: id and secret are form-encoded before Base64 (RFC 6749, 2.3.1).",
        '$pair = "$([Uri]::EscapeDataString($clientId)):$([Uri]::EscapeDataString($secret))"',
        "$basic = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($pair))",
        "",
        `$response = Invoke-RestMethod -Method Post -Uri ${psString(urls.token)} \``,
        '  -Headers @{ Authorization = "Basic $basic" } `',
        "  -ContentType 'application/x-www-form-urlencoded' `",
        `  -Body @{ grant_type = 'client_credentials'; resource = ${psString(urls.audience)} }`,
        "$response.access_token",
      ].join("\n"),
    },
  ];
}
