import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import type { Role } from "@/lib/auth/roles";
import { DEMO, formAlert, officersByUnit, signIn, signInAs } from "./staff-helpers";

/** axe scans of the sign-in page (also with an error shown) and of every staff page each role can open. */
const scan = async (page: import("@playwright/test").Page) =>
  (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);

test("axe finds no violations on the sign-in page, with and without an error", async ({ page }) => {
  await page.goto("/staff/sign-in");
  expect(await scan(page)).toEqual([]);
  await signIn(page, "axe-check@demo.invalid", "wrong-password");
  await expect(formAlert(page)).toBeVisible();
  expect(await scan(page)).toEqual([]);
});

const { west } = officersByUnit();
const PAGES: Record<Role, string[]> = {
  admin: ["/staff", "/staff/officers", `/staff/officers/${west}`, "/staff/admin/users", "/staff/admin/audit"],
  analyst: ["/staff", "/staff/officers", `/staff/officers/${west}`],
  supervisor: ["/staff", "/staff/officers", `/staff/officers/${west}`, "/staff/admin/users"], // the last one: the 403 page
};

for (const role of Object.keys(PAGES) as Role[]) {
  test(`axe finds no violations on the staff pages for ${role}`, async ({ page }) => {
    await signInAs(page, role);
    for (const path of PAGES[role]) {
      await page.goto(path);
      expect(await scan(page), `${role} ${path}`).toEqual([]);
    }
    expect(DEMO[role].email).toContain("@demo.invalid");
  });
}

test("staff pages work at 360 px without horizontal page scroll", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signInAs(page, "admin");
  for (const path of [
    "/staff",
    `/staff/officers/${west}`,
    "/staff/admin/users",
    "/staff/admin/audit",
    "/staff/eis?show=all",
    "/staff/eis/accuracy",
    "/staff/annotations",
    "/staff/annotations/new",
  ]) {
    await page.goto(path);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});
