// Labels and hints of the URL lists (seed 003), the same on the add and edit forms.

export const REDIRECT_URLS = {
  label: "Allowed redirect URLs",
  hint: "At least one. The application names one of these when users sign in, and is sent back to it afterwards. https only (http for localhost), no wildcards, no #fragment.",
  placeholder: "https://app.example.com/callback",
};

export const LOGOUT_REDIRECT_URLS = {
  label: "Allowed logout redirect URLs (optional)",
  hint: "Where users may be sent back to after signing out.",
  placeholder: "https://app.example.com/signed-out",
};

export const CORS_ORIGINS = {
  label: "Allowed CORS origins (optional)",
  hint: "Other sites the application calls the platform from, e.g. when users sign in on one site and use another. Origins only: scheme, host and optional port.",
  placeholder: "https://app.example.com",
};
