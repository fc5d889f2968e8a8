import { listStaffAccounts } from "@/lib/dal/staff-users";
import { apiOk, staffRoute } from "@/lib/http/staff-api";

/** Staff accounts (admins only). */
export const GET = staffRoute(async () => apiOk({ accounts: await listStaffAccounts() }));
