import Link from "next/link";

// Rendered with HTTP 403 when a staff data function refuses the signed-in user (lib/http/staff-page.ts).
export default function Forbidden() {
  return (
    <>
      <h1>You do not have access to this page</h1>
      <p>
        Your role or your assigned units do not include this information. The attempt has been recorded. Go back to the{" "}
        <Link href="/staff">staff home</Link> to see what you can access, or ask an administrator if you need more.
      </p>
    </>
  );
}
