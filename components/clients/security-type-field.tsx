import { ChoiceCards } from "@/components/ui/choice-cards";
import { SECURITY_TYPES, SECURITY_TYPE_LABELS, type TSecurityType } from "@/lib/validation/client";

/** One line per security type (seed 004), so the admin can tell what the application must do. */
const SECURITY_TYPE_SUMMARIES: Record<TSecurityType, string> = {
  "client-secret": "The application authenticates with its Client Id and a secret that Latchkey generates and shows you once.",
  "signed-jwt":
    "The application signs a short-lived JWT with its own private key (private_key_jwt, RFC 7523). Latchkey stores only the public key, so there is no shared secret to leak.",
};

const OPTIONS = SECURITY_TYPES.map((type) => ({ value: type, title: SECURITY_TYPE_LABELS[type], summary: SECURITY_TYPE_SUMMARIES[type] }));

/** How a client-credentials client proves who it is; chosen once, when adding it. */
export function SecurityTypeField({ value, onChange }: { value: TSecurityType; onChange: (value: TSecurityType) => void }) {
  return <ChoiceCards name="securityType" legend="Security type" options={OPTIONS} value={value} onChange={onChange} />;
}
