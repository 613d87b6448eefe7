// Reference (b) of `npm run bench:token`: one worker thread of the signing ceiling. It
// signs ES256 JWTs shaped like Latchkey's access tokens with jose, back to back, for the
// given time, and reports how many it made. The bench starts one per core and adds them
// up: no HTTP, no database, no oidc-provider, just what every token costs at least.
import { randomBytes } from "node:crypto";
import { parentPort, workerData } from "node:worker_threads";
import { importJWK, SignJWT, type JWK } from "jose";

export type SignWorkerInput = { jwk: JWK; kid: string; issuer: string; audience: string; milliseconds: number };
export type SignWorkerResult = { signs: number; milliseconds: number };

const input = workerData as SignWorkerInput;
const key = await importJWK(input.jwk, "ES256");
// Like a Latchkey token's claims (lib/oauth/create-provider.ts extraTokenClaims), fixed
// except jti: the same sizes to hash, and a fresh id per token as oidc-provider makes one.
const clientId = "0b9d1b6e-3c55-4f1e-9a3c-6f1f6c1b2a44";
const claims = {
  client_id: clientId,
  tenant: "bench-token",
  tenant_id: "cmbenchtenant0000000000000",
  roles: ["Account Member"],
  environment: "Development",
};

// Wait for the start signal, so every thread's loop runs in the same window.
parentPort!.once("message", () => void run());
parentPort!.postMessage("ready");

async function run() {
  const started = performance.now();
  const until = started + input.milliseconds;
  let signs = 0;
  while (performance.now() < until) {
    const iat = Math.floor(Date.now() / 1000);
    await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: "ES256", typ: "at+jwt", kid: input.kid })
      .setIssuer(input.issuer)
      .setSubject(clientId)
      .setAudience(input.audience)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 3600)
      .setJti(randomBytes(32).toString("base64url"))
      .sign(key);
    signs++;
  }
  const result: SignWorkerResult = { signs, milliseconds: performance.now() - started };
  parentPort!.postMessage(result);
}
