import { CLIENT_TYPES, CLIENT_TYPE_LABELS, type TClientType } from "@/lib/validation/client";

/** One line per type, after seed 003, so the admin can tell which one the application needs. */
export const CLIENT_TYPE_SUMMARIES: Record<TClientType, string> = {
  "client-credentials": "Server-to-server communication with no user signing in: the application authenticates with its Client Id and a secret.",
  "authorization-code": "Browser applications where users sign in; the code is exchanged for a token with PKCE. No secret, no refresh token.",
  hybrid: "Server-side web and native applications: users sign in in a browser, a backend that can keep a secret gets the tokens.",
};

/** The first choice when adding a client: a radio group, one card per type. */
export function ClientTypePicker({ value, onChange }: { value: TClientType; onChange: (type: TClientType) => void }) {
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-semibold text-slate-800">1. Client type</legend>
      <div className="grid gap-3 md:grid-cols-3">
        {CLIENT_TYPES.map((type) => {
          const checked = value === type;
          return (
            <label
              key={type}
              className={`flex cursor-pointer gap-3 rounded-lg border bg-white p-4 focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-blue-700 ${
                checked ? "border-blue-700 ring-1 ring-blue-700" : "border-slate-300 hover:border-slate-400"
              }`}
            >
              <input
                type="radio"
                name="client-type"
                value={type}
                checked={checked}
                onChange={() => onChange(type)}
                aria-labelledby={`type-${type}-title`}
                aria-describedby={`type-${type}-summary`}
                className="mt-1"
              />
              <span className="space-y-1">
                <span id={`type-${type}-title`} className="block text-sm font-semibold text-slate-900">
                  {CLIENT_TYPE_LABELS[type]}
                </span>
                <span id={`type-${type}-summary`} className="block text-sm text-slate-600">
                  {CLIENT_TYPE_SUMMARIES[type]}
                </span>
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
