import { expect, test } from "@playwright/test";
import { createAnalyst, formAlert, DEMO, freshAddress, officersByUnit, ROLES, signIn, signInAs } from "./staff-helpers";

/** Sign-in and sign-out for each demo role, generic failures, lockout, address throttling and the audit trail. */
const GENERIC = "The email or password is incorrect.";

for (const role of ROLES) {
  test(`${role} signs in, sees their role and scope, and signs out`, async ({ page, context }) => {
    await page.goto("/staff");
    await expect(page).toHaveURL(/\/staff\/sign-in\?from=%2Fstaff$/);
    await signInAs(page, role);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Staff home");
    await expect(page.getByTestId("role-summary")).toContainText(
      role === "admin" ? "Administrator" : role === "analyst" ? "Analyst" : "Supervisor",
    );
    const admin = page.locator('[data-permission="manageUsers"]');
    await expect(admin).toHaveAttribute("data-allowed", role === "admin" ? "true" : "false");
    if (role === "supervisor") await expect(page.getByTestId("unit-scope")).toHaveText("Precinct: West");
    await expect(page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Users" })).toHaveCount(
      role === "admin" ? 1 : 0,
    );

    const cookie = (await context.cookies()).find((c) => c.name.includes("authjs.session-token"));
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(cookie!.expires - Date.now() / 1000).toBeLessThanOrEqual(8 * 3600 + 5);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/staff\/sign-in\?signedOut=1$/);
    await expect(page.getByRole("status")).toContainText("You have signed out.");
    await page.goto("/staff");
    await expect(page).toHaveURL(/\/staff\/sign-in/);
  });
}

test("sign-in returns to the page that asked for it", async ({ page }) => {
  await page.goto("/staff/admin/audit");
  await expect(page).toHaveURL(/from=%2Fstaff%2Fadmin%2Faudit/);
  await page.getByLabel("Email").fill(DEMO.admin.email);
  await page.getByLabel("Password").fill(DEMO.admin.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/staff\/admin\/audit$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit log");
});

test("a wrong password and an unknown email get the same message", async ({ page }) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": freshAddress() });
  // One wrong password for a demo account (a later success resets its count) and one unknown email.
  await signIn(page, DEMO.analyst.email, "not-the-password");
  await expect(formAlert(page)).toHaveText(GENERIC);
  const wrongPassword = await page.getByRole("main").innerText();
  await signIn(page, "nobody-at-all@demo.invalid", DEMO.analyst.password);
  await expect(formAlert(page)).toHaveText(GENERIC);
  expect(await page.getByRole("main").innerText()).toBe(
    wrongPassword.replace(DEMO.analyst.email, "nobody-at-all@demo.invalid"),
  );
});

test("repeated failures lock the account with a clear message, even for the right password", async ({ page }) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": freshAddress() });
  const email = `lockout-${Date.now()}@spd.test`;
  const password = createAnalyst(email);
  for (let i = 1; i <= 4; i++) {
    await signIn(page, email, `wrong-${i}`);
    await expect(formAlert(page)).toHaveText(GENERIC);
  }
  await signIn(page, email, "wrong-5");
  await expect(formAlert(page)).toContainText(
    "Too many failed sign-in attempts for this account. Try again in about 15 minutes",
  );
  await signIn(page, email, password);
  await expect(formAlert(page)).toContainText("Too many failed sign-in attempts for this account");
  await expect(page).toHaveURL(/\/staff\/sign-in/);
});

test("an address with many failures is throttled with its own message", async ({ page, request }) => {
  const address = freshAddress();
  // 20 failures straight to the Auth.js endpoint (as a script would), spread over emails so no account locks.
  for (let i = 0; i < 20; i++) {
    const { csrfToken } = await (
      await request.get("/api/auth/csrf", { headers: { "x-forwarded-for": address } })
    ).json();
    await request.post("/api/auth/callback/credentials", {
      headers: { "x-forwarded-for": address },
      form: { csrfToken, email: `spray-${i}-${Date.now()}@spd.test`, password: "guess-password" },
      maxRedirects: 0,
    });
  }
  await page.setExtraHTTPHeaders({ "x-forwarded-for": address });
  await signIn(page, DEMO.analyst.email, DEMO.analyst.password);
  await expect(formAlert(page)).toContainText("Too many failed sign-in attempts from your network. Try again in about");
  // The same account from another address is unaffected.
  await page.setExtraHTTPHeaders({ "x-forwarded-for": freshAddress() });
  await signIn(page, DEMO.analyst.email, DEMO.analyst.password);
  await expect(page).toHaveURL(/\/staff$/);
});

test("audit entries appear for sign-ins, failed sign-ins, sign-outs, officer views and refused views", async ({
  browser,
}) => {
  const { west, north } = officersByUnit();
  const supervisor = await (await browser.newContext()).newPage();
  await signInAs(supervisor, "supervisor");
  await supervisor.goto(`/staff/officers/${west}`);
  await supervisor.goto(`/staff/officers/${north}`);
  await supervisor.getByRole("button", { name: "Sign out" }).click();
  await expect(supervisor).toHaveURL(/signedOut=1/);

  const admin = await (await browser.newContext()).newPage();
  await signInAs(admin, "admin");
  const rows = (action: string) => admin.getByTestId("audit-table").locator(`tr[data-action="${action}"]`);
  await admin.goto(`/staff/admin/audit?user=${encodeURIComponent(DEMO.supervisor.email)}`);
  for (const action of ["auth.sign_in", "auth.sign_out", "officer.view", "officer.view_denied"]) {
    await expect(rows(action).first(), action).toBeVisible();
  }
  await expect(rows("officer.view").first()).toContainText(`officer:seattle-crisis:${west}`);
  await expect(rows("officer.view_denied").first()).toContainText(`officer:seattle-crisis:${north}`);
  await expect(rows("officer.view_denied").first()).toContainText("127.0.0.1");

  await admin.getByLabel("Action").selectOption("auth.sign_in_failed");
  await admin.getByLabel("User (email contains)").fill("");
  await admin.getByRole("button", { name: "Filter" }).click();
  await expect(admin).toHaveURL(/action=auth.sign_in_failed/);
  await expect(rows("auth.sign_in_failed").first()).toBeVisible();
  expect(
    await admin.getByTestId("audit-table").locator("tbody tr:not([data-action='auth.sign_in_failed'])").count(),
  ).toBe(0);
  // Failed sign-ins record the email that was tried, whether or not it has an account, and why they failed.
  await admin.goto("/staff/admin/audit?action=auth.sign_in_failed&user=nobody-at-all");
  await expect(rows("auth.sign_in_failed").first()).toContainText('"accountExists":false');
  await admin.goto("/staff/admin/audit?action=auth.sign_in_failed&user=lockout-");
  await expect(admin.getByTestId("audit-table")).toContainText('"reason":"locked"');

  const today = new Date().toISOString().slice(0, 10);
  await admin.goto(`/staff/admin/audit?from=2000-01-01&to=2000-01-02`);
  await expect(admin.getByTestId("audit-count")).toContainText("0 entries");
  await admin.goto(`/staff/admin/audit?from=${today}&to=${today}&action=auth.sign_in`);
  await expect(rows("auth.sign_in").first()).toBeVisible();
});
