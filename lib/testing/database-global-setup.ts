// Global setup of the sqlite and postgres Vitest projects: a fresh database for the run.
import type { TestProject } from "vitest/node";
import { resetTestDatabase } from "./reset-test-database";

export default async function setup(project: TestProject): Promise<void> {
  const url = (project.config.env as Record<string, string | undefined>).DATABASE_URL;
  if (!url) throw new Error(`project ${project.name} sets no DATABASE_URL`);
  await resetTestDatabase(url);
}
