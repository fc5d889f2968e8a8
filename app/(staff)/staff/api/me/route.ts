import { can, PERMISSIONS, type Permission } from "@/lib/auth/roles";
import { verifySession } from "@/lib/dal/staff-session";
import { apiOk, staffRoute } from "@/lib/http/staff-api";

/** The signed-in user's role, units and permissions (for scripts and future client views). */
export const GET = staffRoute(async () => {
  const user = await verifySession();
  const permissions = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(user, p));
  return apiOk({ email: user.email, name: user.name, role: user.role, units: user.units, permissions });
});
