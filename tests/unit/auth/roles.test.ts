import { describe, expect, it } from "vitest";
import { refusalMessage } from "@/lib/auth/authenticate";
import { contextFromHeaders } from "@/lib/auth/request-context";
import { markPeerHookInstalled, PEER_HEADER } from "@/lib/auth/peer-address";
import {
  can,
  canViewOfficer,
  parseStoredUnits,
  parseUnitsText,
  PERMISSIONS,
  type Permission,
  type StaffUser,
} from "@/lib/auth/roles";
import { safeStaffPath } from "@/lib/auth/safe-redirect";

const user = (role: StaffUser["role"], units: StaffUser["units"] = []): StaffUser => ({
  id: 1,
  email: "x@y.z",
  name: "x",
  role,
  units,
});

describe("roles and permissions", () => {
  it("admins have every permission, analysts all but account/audit/data admin, supervisors the scoped ones", () => {
    const all = Object.keys(PERMISSIONS) as Permission[];
    expect(all.filter((p) => can(user("admin"), p))).toEqual(all);
    expect(all.filter((p) => !can(user("analyst"), p)).sort()).toEqual(["manageUsers", "refreshData", "viewAuditLog"]);
    expect(all.filter((p) => can(user("supervisor"), p)).sort()).toEqual([
      "draftAnnotation",
      "reviewEisFlags",
      "viewEisFlags",
      "viewOfficers",
      "viewStaffHome",
    ]);
  });

  it("canViewOfficer: analysts and admins see every officer, supervisors only their precincts or squads", () => {
    const west = { precinct: "West", squad: "WEST PCT 3RD W - MARY" };
    const north = { precinct: "North", squad: "NORTH PCT 2ND W - NORA" };
    const none = { precinct: null, squad: null };
    for (const role of ["admin", "analyst"] as const)
      for (const unit of [west, north, none]) expect(canViewOfficer(user(role), unit)).toBe(true);
    const sup = user("supervisor", [{ kind: "precinct", name: "west" }]);
    expect(canViewOfficer(sup, west)).toBe(true); // names compare case-insensitively
    expect(canViewOfficer(sup, north)).toBe(false);
    expect(canViewOfficer(sup, none)).toBe(false); // no known unit: deny by default
    const squadSup = user("supervisor", [{ kind: "squad", name: "NORTH PCT 2ND W - NORA" }]);
    expect(canViewOfficer(squadSup, north)).toBe(true);
    expect(canViewOfficer(squadSup, west)).toBe(false);
    // A squad unit never matches a precinct of the same name, and vice versa.
    expect(canViewOfficer(user("supervisor", [{ kind: "squad", name: "West" }]), west)).toBe(false);
    expect(canViewOfficer(user("supervisor"), west)).toBe(false);
  });

  it("parses units from text and from storage, rejecting or ignoring malformed input", () => {
    expect(parseUnitsText("West, squad: WEST PCT 3RD W - MARY\nprecinct:North, west")).toEqual([
      { kind: "precinct", name: "West" },
      { kind: "squad", name: "WEST PCT 3RD W - MARY" },
      { kind: "precinct", name: "North" },
    ]);
    expect(parseUnitsText("  ")).toEqual([]);
    expect(() => parseUnitsText("x".repeat(81))).toThrow();
    expect(parseStoredUnits('[{"kind":"precinct","name":"West"}]')).toEqual([{ kind: "precinct", name: "West" }]);
    expect(parseStoredUnits("not json")).toEqual([]);
    expect(parseStoredUnits('[{"kind":"city","name":"Seattle"}]')).toEqual([]);
  });
});

describe("sign-in helpers", () => {
  it("only redirects inside the staff area after sign-in", () => {
    expect(safeStaffPath("/staff/officers/123")).toBe("/staff/officers/123");
    expect(safeStaffPath("/staff/admin/audit?action=auth.sign_in")).toBe("/staff/admin/audit?action=auth.sign_in");
    for (const bad of [
      "https://evil.example/staff",
      "//evil.example",
      "/staff//evil.example",
      "/data",
      "/staffing",
      "/staff/../x",
      undefined,
      42,
    ]) {
      expect(safeStaffPath(bad)).toBe("/staff");
    }
  });

  it("trusts X-Forwarded-For only as far as TRUST_PROXY says; otherwise the socket address (issue 25 item 6)", () => {
    const h = (init: Record<string, string>) => new Headers(init);
    // One proxy: it appended the client address on the right; entries to its left are the client's own claims.
    expect(contextFromHeaders(h({ "x-forwarded-for": "1.2.3.4, 10.0.0.7", "user-agent": "UA" }), 1)).toEqual({
      ip: "10.0.0.7",
      userAgent: "UA",
    });
    expect(contextFromHeaders(h({ "x-forwarded-for": "1.2.3.4, 10.0.0.7, 10.0.0.8" }), 2).ip).toBe("10.0.0.7");
    expect(contextFromHeaders(h({ "x-forwarded-for": "10.0.0.7" }), 3).ip).toBe("10.0.0.7"); // fewer entries than proxies
    expect(contextFromHeaders(h({ "x-forwarded-for": "::ffff:127.0.0.1" }), 1).ip).toBe("127.0.0.1");
    expect(contextFromHeaders(h({ "x-forwarded-for": "<script>" }), 1).ip).toBe("unknown");
    // No proxy (the default): the header is the client's to invent, so it is ignored; the socket decides.
    markPeerHookInstalled();
    expect(contextFromHeaders(h({ "x-forwarded-for": "203.0.113.77", [PEER_HEADER]: "::ffff:192.0.2.5" }), 0).ip).toBe(
      "192.0.2.5",
    );
    expect(contextFromHeaders(h({ "x-forwarded-for": "203.0.113.77", "x-real-ip": "203.0.113.78" }), 0).ip).toBe(
      "unknown",
    );
    expect(contextFromHeaders(h({ "x-forwarded-for": "203.0.113.77" })).ip).toBe("unknown"); // TRUST_PROXY defaults to 0
    expect(contextFromHeaders(h({})).ip).toBe("unknown");
  });

  it("words refusals without saying whether the email or the password was wrong", () => {
    expect(refusalMessage("invalid")).toBe("The email or password is incorrect.");
    expect(refusalMessage("locked", 15)).toMatch(
      /Too many failed sign-in attempts for this account\. Try again in about 15 minutes/,
    );
    expect(refusalMessage("throttled", 1)).toMatch(/from your network\. Try again in about 1 minute\./);
    expect(refusalMessage("something-else")).toBe("The email or password is incorrect.");
  });
});
