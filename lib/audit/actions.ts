/**
 * Every audited action, with the words the admin audit page shows. The EIS issue adds its flag and annotation
 * actions here (the names are reserved now so that filters and tests already know them).
 */
export const AUDIT_ACTIONS = {
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Failed sign-in",
  "auth.sign_out": "Signed out",
  "officer.view": "Viewed an officer's detail",
  "officer.view_denied": "Denied view of an officer's detail",
  "access.denied": "Denied access to a staff page or action",
  "user.create": "Created a staff account",
  "user.update": "Changed a staff account's role or units",
  "user.deactivate": "Deactivated a staff account",
  "user.reactivate": "Reactivated a staff account",
  "user.unlock": "Unlocked a staff account",
  "user.password_reset": "Reset a staff account's password",
  "audit.view": "Viewed the audit log",
  "flag.review": "Reviewed an EIS flag",
  "flag.review_denied": "Denied review of an EIS flag",
  "eis.officer_view": "Viewed an officer's Early Intervention scores",
  "eis.officer_view_denied": "Denied view of an officer's Early Intervention scores",
  "eis.incident_view": "Viewed an Early Intervention incident",
  "eis.incident_view_denied": "Denied view of an Early Intervention incident",
  "intervention.assign": "Assigned an intervention after an EIS flag",
  "intervention.complete": "Recorded an intervention as completed",
  "intervention.denied": "Denied an intervention change (outside the units, or not allowed)",
  "annotation.create": "Added an annotation",
  "annotation.update": "Changed an annotation",
  "annotation.delete": "Removed an annotation",
  "annotation.submit": "Submitted an annotation for review",
  "annotation.publish": "Published an annotation",
  "annotation.return": "Returned an annotation to draft",
  "annotation.retire": "Retired an annotation",
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
export const AUDIT_ACTION_NAMES = Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]];
