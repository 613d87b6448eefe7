"use client";

import { useEffect } from "react";
import type { UseFormReturn } from "react-hook-form";
import { messageLines } from "@/components/forms/apply-action-errors";
import { Field, inputClass } from "@/components/ui/field";
import { PRIVATE_KEY_REFUSED } from "@/lib/validation/client-key";

type WithPublicKey = { publicKey?: { key?: string; description?: string } };

const EXAMPLE_JWK = '{"kty":"EC","crv":"P-256","x":"…","y":"…","kid":"plant-04-2026"}';

/**
 * The public key of a signed-JWT client and its description, for any form that has a
 * `publicKey` object (adding a client, adding a key). A pasted private key is refused by
 * the form's schema before anything is sent (withPrivateKeyRefusal), and then wiped from
 * the field, so it does not stay on screen (screen sharing, a colleague passing by).
 */
export function PublicKeyFields<T extends WithPublicKey>({ form }: { form: UseFormReturn<T> }) {
  // react-hook-form's generics cannot follow a nested path through T; the fields are fixed.
  const f = form as unknown as UseFormReturn<WithPublicKey>;
  const errors = f.formState.errors.publicKey;
  const refusedPrivateKey = errors?.key?.message === PRIVATE_KEY_REFUSED;
  useEffect(() => {
    // Without validating again, so the refusal stays in view until the next paste.
    if (refusedPrivateKey) f.setValue("publicKey.key", "");
  }, [refusedPrivateKey, f]);
  return (
    <>
      <Field
        id="public-key"
        label="Public key"
        hint={
          <>
            A JWK, e.g. <code className="break-all">{EXAMPLE_JWK}</code>, or PEM: <code className="whitespace-nowrap">-----BEGIN PUBLIC KEY-----</code> or{" "}
            <code className="whitespace-nowrap">-----BEGIN CERTIFICATE-----</code>. RSA keys need at least 2048 bits; EC keys use P-256, P-384 or P-521. From
            the application’s key file: <code className="whitespace-nowrap">openssl pkey -in private.pem -pubout</code>.
          </>
        }
        errors={messageLines(errors?.key?.message)}
      >
        <p id="public-key-warning" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <strong>Never paste the private key.</strong> It stays with the application; Latchkey needs only the public key.
        </p>
        <textarea
          id="public-key"
          rows={7}
          className={`${inputClass} font-mono text-xs`}
          placeholder={"-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE…\n-----END PUBLIC KEY-----"}
          spellCheck={false}
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          aria-invalid={!!errors?.key}
          aria-describedby={["public-key-warning", "public-key-hint", errors?.key ? "public-key-error" : null].filter(Boolean).join(" ")}
          {...f.register("publicKey.key")}
        />
      </Field>
      <Field
        id="key-description"
        label="Key description"
        hint="Which application or device holds the private key, e.g. “Historian on plant-srv-04, 2026 key”."
        errors={messageLines(errors?.description?.message)}
      >
        <input id="key-description" className={inputClass} autoComplete="off" {...f.register("publicKey.description")} />
      </Field>
    </>
  );
}
