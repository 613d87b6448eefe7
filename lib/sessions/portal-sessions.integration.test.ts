// Portal sessions (lib/sessions): the row a sign-in creates is what every read of the cookie
// checks, with an injected clock for the lifetime, the idle timeout and the throttled
// lastSeenAt writes; and an administrator's "sign out everywhere" (lib/users).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { createTestTenant, expectDomainError, uniqueSuffix, type TestTenant } from "@/lib/testing/fixtures";
import { addTenantUser } from "@/lib/users/add-tenant-user";
import { endMemberSessions } from "@/lib/users/end-member-sessions";
import { checkPortalSession, LAST_SEEN_WRITE_INTERVAL_MS } from "./check-portal-session";
import { createPortalSession, MAX_SESSIONS_PER_USER } from "./create-portal-session";
import { endPortalSession } from "./end-portal-session";
import { sweepPortalSessions } from "./sweep-portal-sessions";

const LIMITS = { lifetimeSeconds: 12 * 3600, idleSeconds: 2 * 3600 };
const T0 = new Date("2026-12-01T08:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let a: TestTenant;
let b: TestTenant;

beforeAll(async () => {
  [a, b] = await Promise.all([createTestTenant("sessions-a"), createTestTenant("sessions-b")]);
});

async function newUser(tenant = a) {
  return addTenantUser(tenant.admin, { email: `person-${uniqueSuffix()}@example.com`, roleIds: [] });
}

const check = (id: string, userId: string, now: Date, limits = LIMITS) => checkPortalSession({ id, userId, now, limits });
const lastSeen = async (id: string) => (await db.portalSession.findUniqueOrThrow({ where: { id } })).lastSeenAt;

describe("portal sessions", () => {
  it("is on after sign-in for its own user only, and off once signed out", async () => {
    const { userId } = await newUser();
    const session = await createPortalSession({ userId, now: T0, limits: LIMITS });
    expect(session.expiresAt).toEqual(at(12 * HOUR));
    expect(await check(session.id, userId, at(MINUTE))).toMatchObject({ id: session.id, userId, expiresAt: at(12 * HOUR) });
    expect(await check(session.id, a.adminUserId, at(MINUTE))).toBeNull();
    expect(await check("no-such-session", userId, at(MINUTE))).toBeNull();
    expect(await checkPortalSession({ id: undefined, userId, now: at(MINUTE), limits: LIMITS })).toBeNull();

    await endPortalSession(session.id, at(2 * MINUTE));
    expect(await check(session.id, userId, at(3 * MINUTE))).toBeNull();
    expect((await db.portalSession.findUniqueOrThrow({ where: { id: session.id } })).revokedAt).toEqual(at(2 * MINUTE));
  });

  it("ends at its absolute lifetime however active it is", async () => {
    const { userId } = await newUser();
    const limits = { lifetimeSeconds: 3 * 3600, idleSeconds: 2 * 3600 };
    const session = await createPortalSession({ userId, now: T0, limits });
    for (let hour = 1; hour < 3; hour++) expect(await check(session.id, userId, at(hour * HOUR), limits)).not.toBeNull();
    expect(await check(session.id, userId, at(3 * HOUR - 1), limits)).not.toBeNull();
    expect(await check(session.id, userId, at(3 * HOUR), limits)).toBeNull();
  });

  it("ends after the idle timeout without requests, and activity keeps it on", async () => {
    const { userId } = await newUser();
    const session = await createPortalSession({ userId, now: T0, limits: LIMITS });
    expect(await check(session.id, userId, at(2 * HOUR - MINUTE))).not.toBeNull();
    // That request moved lastSeenAt: two more hours from there, less one second, still on.
    expect(await check(session.id, userId, at(4 * HOUR - MINUTE - 1000))).not.toBeNull();

    const idle = await createPortalSession({ userId, now: T0, limits: LIMITS });
    expect(await check(idle.id, userId, at(2 * HOUR))).toBeNull();
    // Idle once means off for good: a later request does not bring it back.
    expect(await check(idle.id, userId, at(2 * HOUR + 1))).toBeNull();
  });

  it("writes lastSeenAt at most once a minute per session", async () => {
    const { userId } = await newUser();
    const session = await createPortalSession({ userId, now: T0, limits: LIMITS });
    await check(session.id, userId, at(LAST_SEEN_WRITE_INTERVAL_MS - 1));
    expect(await lastSeen(session.id)).toEqual(T0);
    await check(session.id, userId, at(LAST_SEEN_WRITE_INTERVAL_MS));
    expect(await lastSeen(session.id)).toEqual(at(LAST_SEEN_WRITE_INTERVAL_MS));
    await check(session.id, userId, at(LAST_SEEN_WRITE_INTERVAL_MS + 30_000));
    expect(await lastSeen(session.id)).toEqual(at(LAST_SEEN_WRITE_INTERVAL_MS));
  });

  it("keeps a session with an idle timeout under a minute on while it is used", async () => {
    const { userId } = await newUser();
    const limits = { lifetimeSeconds: 3600, idleSeconds: 30 };
    const session = await createPortalSession({ userId, now: T0, limits });
    // A request every 20 s: each is within 30 s of the last, so the session stays on.
    for (let seconds = 20; seconds <= 200; seconds += 20) expect(await check(session.id, userId, at(seconds * 1000), limits)).not.toBeNull();
    expect(await check(session.id, userId, at(200_000 + 30_000), limits)).toBeNull();
  });

  it("ends existing sessions early when the lifetime is lowered", async () => {
    const { userId } = await newUser();
    const session = await createPortalSession({ userId, now: T0, limits: LIMITS });
    const lowered = { lifetimeSeconds: 3600, idleSeconds: 2 * 3600 };
    expect(await check(session.id, userId, at(HOUR - MINUTE), lowered)).not.toBeNull();
    expect(await check(session.id, userId, at(HOUR), lowered)).toBeNull();
    // Raising it again does not lengthen a session beyond what it got at sign-in.
    expect(await check(session.id, userId, at(12 * HOUR), { lifetimeSeconds: 24 * 3600, idleSeconds: 24 * 3600 })).toBeNull();
  });

  it("ends the session a new sign-in replaces in the browser, whoever's it was", async () => {
    const { userId } = await newUser();
    const other = await newUser();
    const previous = await createPortalSession({ userId, now: T0, limits: LIMITS });
    const kept = await createPortalSession({ userId, now: T0, limits: LIMITS });
    const again = await createPortalSession({ userId, replaces: previous.id, now: at(MINUTE), limits: LIMITS });
    expect(await check(previous.id, userId, at(2 * MINUTE))).toBeNull();
    expect(await check(again.id, userId, at(2 * MINUTE))).not.toBeNull();
    expect(await check(kept.id, userId, at(2 * MINUTE))).not.toBeNull(); // another browser's
    const someoneElse = await createPortalSession({ userId: other.userId, replaces: again.id, now: at(3 * MINUTE), limits: LIMITS });
    expect(await check(again.id, userId, at(4 * MINUTE))).toBeNull();
    expect(await check(someoneElse.id, other.userId, at(4 * MINUTE))).not.toBeNull();
  });

  it("drops the person's sessions that ended by time when they sign in again", async () => {
    const { userId } = await newUser();
    const old = await createPortalSession({ userId, now: T0, limits: LIMITS });
    const current = await createPortalSession({ userId, now: at(12 * HOUR), limits: LIMITS });
    expect(await db.portalSession.findUnique({ where: { id: old.id } })).toBeNull();
    expect(await check(current.id, userId, at(12 * HOUR + MINUTE))).not.toBeNull();
  });
});

describe("endMemberSessions", () => {
  it("ends every session of the member, in every tenant they belong to, and audits it", async () => {
    const { userId, email } = await addTenantUser(a.admin, { email: `both-${uniqueSuffix()}@example.com`, roleIds: [] });
    await addTenantUser(b.admin, { email, roleIds: [] });
    const now = new Date();
    const first = await createPortalSession({ userId, now });
    const second = await createPortalSession({ userId, now });
    const bystander = await createPortalSession({ userId: a.memberUserId, now });

    expect(await endMemberSessions(b.admin, { userId })).toEqual({ userId, email, ended: 2 });
    expect(await checkPortalSession({ id: first.id, userId })).toBeNull();
    expect(await checkPortalSession({ id: second.id, userId })).toBeNull();
    expect(await checkPortalSession({ id: bystander.id, userId: a.memberUserId })).not.toBeNull();
    const audit = await db.auditEvent.findFirstOrThrow({ where: { tenantId: b.id, action: "membership.sessions-end", targetId: userId } });
    expect(audit).toMatchObject({ actorId: b.adminUserId, targetLabel: email });
    expect(JSON.parse(audit.details)).toEqual({ after: { endedSessions: 2 } });
    // The other tenant's administrators see it too, with the tenant it was done from.
    const elsewhere = await db.auditEvent.findFirstOrThrow({ where: { tenantId: a.id, action: "membership.sessions-end", targetId: userId } });
    expect(elsewhere).toMatchObject({ actorId: b.adminUserId, targetLabel: email });
    expect(JSON.parse(elsewhere.details)).toEqual({ after: { endedSessions: 2, byTenant: b.slug } });
  });

  it("is for administrators of one of the member's tenants only, and changes nothing otherwise", async () => {
    const { userId } = await newUser(a);
    const session = await createPortalSession({ userId });
    await expectDomainError(endMemberSessions(a.member, { userId }), "FORBIDDEN");
    await expectDomainError(endMemberSessions(b.admin, { userId }), "NOT_FOUND");
    await expectDomainError(endMemberSessions(a.admin, { userId: "" }), "VALIDATION");
    expect(await checkPortalSession({ id: session.id, userId })).not.toBeNull();
    expect(await db.auditEvent.count({ where: { action: "membership.sessions-end", targetId: userId } })).toBe(0);
  });
});

describe("session table growth", () => {
  it("keeps at most the newest sessions of a person on, ending the oldest", async () => {
    const { userId } = await newUser();
    const ids: string[] = [];
    for (let i = 0; i <= MAX_SESSIONS_PER_USER; i++) ids.push((await createPortalSession({ userId, now: at(i * 1000), limits: LIMITS })).id);
    const now = at((MAX_SESSIONS_PER_USER + 1) * 1000);
    expect(await check(ids[0]!, userId, now)).toBeNull();
    expect(await check(ids[1]!, userId, now)).not.toBeNull();
    expect(await check(ids[MAX_SESSIONS_PER_USER]!, userId, now)).not.toBeNull();
    expect(await db.portalSession.count({ where: { userId, revokedAt: null } })).toBe(MAX_SESSIONS_PER_USER);
  });

  it("sweeps sessions past their lifetime, idle too long or ended, in bounded batches, and keeps the rest", async () => {
    const { userId } = await newUser();
    const now = new Date();
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const limits = { lifetimeSeconds: 12 * 3600, idleSeconds: 2 * 3600 };
    const dead = [
      await db.portalSession.create({
        data: { id: `sweep-expired-${uniqueSuffix()}`, userId, createdAt: ago(13 * HOUR), lastSeenAt: ago(MINUTE), expiresAt: ago(HOUR) },
      }),
      await db.portalSession.create({
        data: { id: `sweep-idle-${uniqueSuffix()}`, userId, createdAt: ago(3 * HOUR), lastSeenAt: ago(3 * HOUR), expiresAt: new Date(now.getTime() + HOUR) },
      }),
      await db.portalSession.create({
        data: {
          id: `sweep-ended-${uniqueSuffix()}`,
          userId,
          createdAt: ago(3 * HOUR),
          lastSeenAt: ago(MINUTE),
          expiresAt: new Date(now.getTime() + HOUR),
          revokedAt: ago(2 * HOUR),
        },
      }),
    ];
    const live = await createPortalSession({ userId, now, limits });
    const justEnded = await createPortalSession({ userId, now, limits });
    await endPortalSession(justEnded.id, now);

    expect(await sweepPortalSessions({ now, limits, batch: 1 })).toBe(1);
    let swept = 1;
    for (let run = 0; run < 1000; run++) {
      const count = await sweepPortalSessions({ now, limits, batch: 100 });
      if (count === 0) break;
      swept += count;
    }
    expect(swept).toBeGreaterThanOrEqual(dead.length);
    expect(await db.portalSession.count({ where: { id: { in: dead.map((row) => row.id) } } })).toBe(0);
    expect(await check(live.id, userId, now, limits)).not.toBeNull();
    expect(await db.portalSession.findUnique({ where: { id: justEnded.id } })).not.toBeNull();
  });
});
