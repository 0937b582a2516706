-- Duties cost what they are worth: no per-row foreign-key checks, the unique identity on its four columns (person first) instead of a text key (kept as a generated column), and partial indexes for a scheduler batch (its centers' open and overdue duties).
ALTER TABLE "duties" DROP CONSTRAINT "duties_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "duties" DROP CONSTRAINT "duties_rule_version_id_rule_versions_id_fk";
--> statement-breakpoint
DROP INDEX "duties_key";--> statement-breakpoint
DROP INDEX "duties_person_due_idx";--> statement-breakpoint
ALTER TABLE "duties" drop column "key";--> statement-breakpoint
ALTER TABLE "duties" ADD COLUMN "key" text GENERATED ALWAYS AS (rule_id || '|' || person_id || '|' || center_code || '|' || period_key) STORED NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "duties_identity" ON "duties" USING btree ("person_id","rule_id","period_key","center_code");--> statement-breakpoint
CREATE INDEX "duties_center_open_idx" ON "duties" USING btree ("center_code","due_at") WHERE "duties"."status" in ('open', 'overdue');--> statement-breakpoint
CREATE INDEX "duties_center_overdue_closes_idx" ON "duties" USING btree ("center_code","closes_at") WHERE "duties"."status" = 'overdue';
