/** A client with no secret or key left: it cannot get tokens, and the page says so. */
export function NoCredentials({ noun, howToAdd }: { noun: "secret" | "key"; howToAdd: string | null }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
      <h3 className="text-lg font-medium">No {noun}s</h3>
      <p className="mt-2 text-sm text-slate-600">
        This client cannot authenticate until a {noun} is added. {howToAdd ?? "Ask an Account Administrator to add one."}
      </p>
    </div>
  );
}
