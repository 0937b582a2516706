CREATE TABLE "duties" (
	"id" serial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"rule_id" text NOT NULL,
	"kind" text NOT NULL,
	"person_id" text NOT NULL,
	"center_code" text NOT NULL,
	"period_key" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"due_day" date NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"target" integer,
	"progress" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"status_note" text,
	"terms" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"overdue_at" timestamp with time zone,
	"done_at" timestamp with time zone,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "leaves" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"from_day" date NOT NULL,
	"to_day" date NOT NULL,
	"reason" text,
	"source" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"cancelled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "scheduler_state" (
	"name" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "appointed" date;--> statement-breakpoint
ALTER TABLE "duties" ADD CONSTRAINT "duties_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leaves" ADD CONSTRAINT "leaves_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "duties_key" ON "duties" USING btree ("key");--> statement-breakpoint
CREATE INDEX "duties_person_due_idx" ON "duties" USING btree ("person_id","due_at");--> statement-breakpoint
CREATE INDEX "duties_open_due_idx" ON "duties" USING btree ("due_at") WHERE "duties"."status" in ('open', 'overdue');--> statement-breakpoint
CREATE INDEX "duties_rule_period_idx" ON "duties" USING btree ("rule_id","period_key");--> statement-breakpoint
CREATE UNIQUE INDEX "leaves_key" ON "leaves" USING btree ("person_id","from_day","to_day","source");