import { Banner } from "@/components/ui/banner";
import { Button } from "@/components/ui/button";

/** Said when the Add client form was filled in again from this tab's draft, with the way to an empty form. */
export function DraftRestoredNote({ onDiscard }: { onDiscard: () => void }) {
  return (
    <Banner tone="info">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <span>What you entered before is filled in again. Secrets and keys are never kept.</span>
        <Button variant="secondary" onClick={onDiscard}>
          Start over
        </Button>
      </div>
    </Banner>
  );
}
