CREATE TABLE "complaint_steps" (
	"id" serial PRIMARY KEY NOT NULL,
	"complaint_id" integer NOT NULL,
	"step" text NOT NULL,
	"by" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"values" jsonb,
	"nonce" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" serial PRIMARY KEY NOT NULL,
	"center_code" text NOT NULL,
	"manager_id" text NOT NULL,
	"owner" text NOT NULL,
	"household" text NOT NULL,
	"channel" text NOT NULL,
	"what" text NOT NULL,
	"category" text NOT NULL,
	"in_remit" boolean NOT NULL,
	"major" boolean NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"plan" text,
	"milestone" date,
	"received_at" timestamp with time zone NOT NULL,
	"planned_at" timestamp with time zone,
	"fixed_at" timestamp with time zone,
	"called_back_at" timestamp with time zone,
	"satisfied" boolean,
	"closed_at" timestamp with time zone,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"registered_by" text NOT NULL,
	"nonce" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "followups" (
	"id" serial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"rule_id" text NOT NULL,
	"center_code" text NOT NULL,
	"person_id" text NOT NULL,
	"subject" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"done_at" timestamp with time zone,
	"source_submission_id" integer,
	"done_submission_id" integer,
	"reminded_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "ledger" (
	"id" serial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"rule_id" text NOT NULL,
	"person_id" text NOT NULL,
	"center_code" text NOT NULL,
	"yuan" numeric(10, 2) DEFAULT 0 NOT NULL,
	"points" numeric(10, 2) DEFAULT 0 NOT NULL,
	"day" date NOT NULL,
	"reason" text NOT NULL,
	"source_type" text NOT NULL,
	"source_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"waived_at" timestamp with time zone,
	"waived_by" text,
	"waive_reason" text
);
--> statement-breakpoint
ALTER TABLE "complaint_steps" ADD CONSTRAINT "complaint_steps_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_steps" ADD CONSTRAINT "complaint_steps_by_people_id_fk" FOREIGN KEY ("by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_manager_id_people_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_registered_by_people_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followups" ADD CONSTRAINT "followups_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger" ADD CONSTRAINT "ledger_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "complaint_steps_nonce_key" ON "complaint_steps" USING btree ("nonce");--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_nonce_key" ON "complaints" USING btree ("nonce");--> statement-breakpoint
CREATE INDEX "complaints_center_received_idx" ON "complaints" USING btree ("center_code","received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "followups_key" ON "followups" USING btree ("key");--> statement-breakpoint
CREATE INDEX "followups_open_due_idx" ON "followups" USING btree ("due_at") WHERE "followups"."status" in ('open', 'overdue');--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_key" ON "ledger" USING btree ("key");--> statement-breakpoint
CREATE INDEX "ledger_person_day_idx" ON "ledger" USING btree ("person_id","day");--> statement-breakpoint
CREATE INDEX "ledger_day_idx" ON "ledger" USING btree ("day");