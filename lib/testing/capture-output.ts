// Everything the process writes to stdout and stderr while a test runs (console.* goes
// through these too), so a test can prove a secret or assertion never reached a log.
export function captureOutput(): { text(): string; writes(): string[]; stop(): void } {
  const chunks: string[] = [];
  const streams = [process.stdout, process.stderr] as const;
  const originals = streams.map((stream) => stream.write.bind(stream));
  streams.forEach((stream, i) => {
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
      return (originals[i] as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
  });
  return {
    text: () => chunks.join(""),
    writes: () => [...chunks],
    stop: () => streams.forEach((stream, i) => (stream.write = originals[i] as typeof stream.write)),
  };
}
