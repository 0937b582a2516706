-- Security keys: the tenant learned per app, one live record per duty (older live duplicates superseded first), the form nonce unique per person.
CREATE TABLE "lark_tenants" (
	"app_id" text PRIMARY KEY NOT NULL,
	"tenant_key" text NOT NULL,
	"learned_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
DROP INDEX "submissions_duty_idx";--> statement-breakpoint
DROP INDEX "submissions_nonce_key";--> statement-breakpoint
UPDATE "submissions" s SET "superseded_at" = newest."filed_at" FROM (SELECT DISTINCT ON ("duty_id") "id", "duty_id", "filed_at" FROM "submissions" WHERE "duty_id" IS NOT NULL AND "superseded_at" IS NULL ORDER BY "duty_id", "filed_at" DESC, "id" DESC) newest WHERE s."duty_id" = newest."duty_id" AND s."superseded_at" IS NULL AND s."id" <> newest."id";--> statement-breakpoint
CREATE UNIQUE INDEX "submissions_live_duty_key" ON "submissions" USING btree ("duty_id") WHERE "submissions"."superseded_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "submissions_nonce_key" ON "submissions" USING btree ("form_id","person_id","nonce");