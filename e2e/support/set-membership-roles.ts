// Changes a member's roles behind the portal's back, to prove the server re-checks the
// role on every action (run with tsx by specs). Usage: <slug> <email> [builtIn-role...]
import { db } from "@/lib/db/prisma";

const [slug, email, ...builtIns] = process.argv.slice(2);
const membership = await db.membership.findFirstOrThrow({ where: { tenant: { slug }, user: { email } } });
const roles = await db.role.findMany({ where: { tenantId: membership.tenantId, builtIn: { in: ["account-member", ...builtIns] } } });
await db.membershipRole.deleteMany({ where: { membershipId: membership.id } });
await db.membershipRole.createMany({ data: roles.map((role) => ({ membershipId: membership.id, roleId: role.id })) });
await db.$disconnect(); // a PostgreSQL pool would keep the process alive
