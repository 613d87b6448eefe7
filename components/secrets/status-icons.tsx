import type { SecretStatus } from "@/lib/secrets/secret-status";

// Decorative (aria-hidden): the words next to them carry the meaning.
const iconProps = { width: 16, height: 16, viewBox: "0 0 24 24", fill: "none", stroke: "currentColor", strokeWidth: 2, "aria-hidden": true } as const;

export function WarningIcon({ className = "" }: { className?: string }) {
  return (
    <svg {...iconProps} className={`shrink-0 ${className}`}>
      <path d="M12 3l10 18H2L12 3z" />
      <path d="M12 10v5M12 18v.5" />
    </svg>
  );
}

export function StatusIcon({ kind }: { kind: SecretStatus["kind"] }) {
  if (kind === "expiring") return <WarningIcon />;
  if (kind === "expired") {
    return (
      <svg {...iconProps} className="shrink-0">
        <circle cx="12" cy="12" r="9" />
        <path d="M9 9l6 6M15 9l-6 6" />
      </svg>
    );
  }
  return (
    <svg {...iconProps} className="shrink-0">
      <path d="M4 12l5 5L20 6" />
    </svg>
  );
}
