import { expect, test } from "@playwright/test";
import { formAlert, signIn, signInAs } from "./staff-helpers";

/** The admin users page: invite, change role and units, deactivate; each takes effect at once and is audited. */
test("an admin invites a supervisor, changes their units, and deactivates them", async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  await signInAs(admin, "admin");
  await admin.goto("/staff/admin/users");
  const email = `invited-${Date.now()}@spd.test`;
  await admin.getByLabel("Email", { exact: true }).fill(email);
  await admin.getByLabel("Name", { exact: true }).fill("Invited Supervisor");
  await admin.getByLabel("Role", { exact: true }).selectOption("supervisor");
  await admin.getByLabel("Units (supervisors)").fill("North");
  await admin.getByRole("button", { name: "Create account" }).click();
  const secret = admin.getByTestId("one-time-secret");
  await expect(secret).toBeVisible();
  const password = (await secret.textContent())!.trim();
  const row = admin.locator(`tr[data-email="${email}"]`);
  await expect(row).toContainText("precinct:North");

  // The new supervisor signs in and sees their scope.
  const staffContext = await browser.newContext();
  const sup = await staffContext.newPage();
  await signIn(sup, email, password);
  await expect(sup).toHaveURL(/\/staff$/);
  await expect(sup.getByTestId("unit-scope")).toHaveText("Precinct: North");

  // A change of units applies on the supervisor's next request (role and units are read per request).
  await row.getByLabel(`Units for ${email}`).fill("West, squad:WEST PCT 3RD W - MARY");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByRole("status")).toContainText(`Saved: ${email} is now supervisor.`);
  await sup.reload();
  await expect(sup.getByTestId("unit-scope")).toContainText("Precinct: West");
  await expect(sup.getByTestId("unit-scope")).toContainText("Squad: WEST PCT 3RD W - MARY");

  // Deactivation ends the session at once, and the password no longer works (with the generic message).
  await row.getByRole("button", { name: `Deactivate ${email}` }).click();
  await expect(row).toContainText("deactivated");
  await sup.reload();
  await expect(sup).toHaveURL(/\/staff\/sign-in/);
  expect((await sup.request.get("/staff/api/me")).status()).toBe(401);
  await signIn(sup, email, password);
  await expect(formAlert(sup)).toHaveText("The email or password is incorrect.");

  await admin.goto(`/staff/admin/audit?user=admin%40demo`);
  const table = admin.getByTestId("audit-table");
  for (const action of ["user.create", "user.update", "user.deactivate"])
    await expect(table.locator(`tr[data-action="${action}"]`).first()).toContainText(email);
});

test("admin form input is validated: bad emails and units are refused with a message, not an error page", async ({
  page,
}) => {
  await signInAs(page, "admin");
  await page.goto("/staff/admin/users");
  // "x@y" passes the browser's own email check but not the server's: the server-side validation answers.
  await page.getByLabel("Email", { exact: true }).fill("x@y");
  await page.getByLabel("Name", { exact: true }).fill("X");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(formAlert(page)).toContainText("must be an email address");
  await page.getByLabel("Email", { exact: true }).fill(`ok-${Date.now()}@spd.test`);
  await page.getByLabel("Units (supervisors)").fill(`squad:${"x".repeat(100)}`);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(formAlert(page)).toContainText("units are comma-separated");
  // An admin cannot deactivate or demote themselves from the page.
  const self = page.locator('tr[data-email="admin@demo.invalid"]');
  await expect(self.getByRole("button", { name: /Deactivate/ })).toHaveCount(0);
  await expect(self.getByLabel("Role for admin@demo.invalid")).toBeDisabled();
});
