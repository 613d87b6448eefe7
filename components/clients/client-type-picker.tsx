import { ChoiceCards } from "@/components/ui/choice-cards";
import { CLIENT_TYPES, CLIENT_TYPE_LABELS, type TClientType } from "@/lib/validation/client";

/** One line per type, after seed 003, so the admin can tell which one the application needs. */
export const CLIENT_TYPE_SUMMARIES: Record<TClientType, string> = {
  "client-credentials":
    "Server-to-server communication with no user signing in: the application authenticates with its Client Id and a secret or a signed JWT.",
  "authorization-code": "Browser applications where users sign in; the code is exchanged for a token with PKCE. No secret, no refresh token.",
  hybrid: "Server-side web and native applications: users sign in in a browser, a backend that can keep a secret gets the tokens.",
};

const OPTIONS = CLIENT_TYPES.map((type) => ({ value: type, title: CLIENT_TYPE_LABELS[type], summary: CLIENT_TYPE_SUMMARIES[type] }));

/** The first choice when adding a client: a radio group, one card per type. */
export function ClientTypePicker({ value, onChange }: { value: TClientType; onChange: (type: TClientType) => void }) {
  return (
    <ChoiceCards
      name="client-type"
      legend="1. Client type"
      legendClassName="text-sm font-semibold text-slate-800"
      options={OPTIONS}
      value={value}
      onChange={onChange}
      columns="md:grid-cols-3"
    />
  );
}
