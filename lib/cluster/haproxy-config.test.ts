// The README's HAProxy example is the configuration the cluster suite runs HAProxy with:
// the file itself, word for word, so the documented one is the tested one.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const config = readFileSync("lib/cluster/haproxy.cfg", "utf8").trimEnd();
const readme = readFileSync("README.md", "utf8");

describe("lib/cluster/haproxy.cfg", () => {
  it("is the README's example, word for word", () => {
    expect(readme).toContain(`\`\`\`haproxy\n${config}\n\`\`\``);
  });

  it("checks readiness on the management port, retries on another instance and passes the client's address", () => {
    for (const line of [
      "option httpchk GET /readyz",
      "option redispatch 1",
      "retry-on conn-failure empty-response response-timeout",
      "retries 3",
      "default-server inter 500ms fall 2 rise 2",
      "option forwardfor",
    ]) {
      expect(config).toContain(line);
    }
    expect(config.match(/^\s*server \S+ "\$\{[A-Z_]+\}" check port "\$\{[A-Z_]+\}"$/gm)).toHaveLength(2);
  });
});
