/**
 * Keys do not expire, so there is no due date to warn about; this says how to replace one
 * without a moment in which the application cannot get tokens.
 */
export function KeyRotationHint({ canChange }: { canChange: boolean }) {
  return (
    <section aria-labelledby="key-rotation-heading" className="max-w-3xl space-y-2 rounded-lg border border-slate-200 bg-white p-5 text-sm text-slate-700">
      <h3 id="key-rotation-heading" className="text-base font-semibold text-slate-900">
        Replacing a key
      </h3>
      <p>Keys do not expire. Replace one on your organisation’s schedule, or at once if its private key may have been exposed:</p>
      <ol className="list-decimal space-y-1 pl-5">
        <li>Add the new public key here (its private key stays with the application).</li>
        <li>Switch the application to sign with the new private key.</li>
        <li>Delete the old key once its “last used” time stops moving.</li>
      </ol>
      {!canChange && <p>Ask an Account Administrator of this tenant to add and delete keys.</p>}
    </section>
  );
}
