import Link from "next/link";

export default function NotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p>
        There is no page at this address. Start from the <Link href="/">key findings</Link> or the{" "}
        <Link href="/data">data sources</Link>.
      </p>
    </>
  );
}
