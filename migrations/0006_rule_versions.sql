-- Each rule's terms stored once (rule_versions, keyed by sha256 of the terms as jsonb text); duties point at their version.
CREATE TABLE "rule_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"rule_id" text NOT NULL,
	"hash" text NOT NULL,
	"terms" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rule_versions_hash" UNIQUE("hash")
);
--> statement-breakpoint
DROP INDEX "duties_rule_period_idx";--> statement-breakpoint
ALTER TABLE "duties" ADD COLUMN "rule_version_id" integer;--> statement-breakpoint
INSERT INTO "rule_versions" ("rule_id", "hash", "terms", "created_at")
  SELECT min("rule_id"), encode(sha256(convert_to("terms"::text, 'UTF8')), 'hex'), "terms", min("created_at") FROM "duties" GROUP BY "terms";--> statement-breakpoint
UPDATE "duties" SET "rule_version_id" = v."id" FROM "rule_versions" v WHERE v."terms" = "duties"."terms";--> statement-breakpoint
ALTER TABLE "duties" ALTER COLUMN "rule_version_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "duties" ADD CONSTRAINT "duties_rule_version_id_rule_versions_id_fk" FOREIGN KEY ("rule_version_id") REFERENCES "public"."rule_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duties" DROP COLUMN "terms";
