ALTER TABLE "deductions" ADD COLUMN "resolved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "deductions" ADD COLUMN "resolved_by" text;--> statement-breakpoint
ALTER TABLE "deductions" ADD COLUMN "resolve_note" text;