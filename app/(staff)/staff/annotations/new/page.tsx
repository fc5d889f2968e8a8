import type { Metadata } from "next";
import Link from "next/link";
import { staffPage } from "@/lib/http/staff-page";
import { getScopeTargets } from "@/lib/dal/staff-annotations";
import { requirePermission } from "@/lib/dal/staff-session";
import { AnnotationForm } from "../annotation-form";
import { EMPTY_FORM, formOptions } from "../labels";

export const metadata: Metadata = { title: "New annotation" };

export default async function NewAnnotationPage() {
  await staffPage("/staff/annotations/new", () => requirePermission("draftAnnotation"));
  const targets = await getScopeTargets();
  return (
    <>
      <p>
        <Link href="/staff/annotations">← All annotations</Link>
      </p>
      <h1>New annotation</h1>
      <p className="lede">
        A note for the public pages: it is saved as a draft, then submitted for review; someone other than its writers
        publishes it.
      </p>
      <AnnotationForm mode="create" initial={EMPTY_FORM} options={formOptions(targets)} />
    </>
  );
}
