CREATE TABLE "attachments" (
	"id" serial PRIMARY KEY NOT NULL,
	"submission_id" integer NOT NULL,
	"message_id" text NOT NULL,
	"image_key" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deductions" (
	"id" serial PRIMARY KEY NOT NULL,
	"rule_id" text NOT NULL,
	"center_code" text NOT NULL,
	"person_id" text NOT NULL,
	"count" integer DEFAULT 1 NOT NULL,
	"points" integer NOT NULL,
	"note" text,
	"day" text NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"nonce" text NOT NULL,
	CONSTRAINT "deductions_nonce_unique" UNIQUE("nonce")
);
--> statement-breakpoint
CREATE TABLE "submission_duties" (
	"submission_id" integer NOT NULL,
	"duty_id" integer NOT NULL,
	CONSTRAINT "submission_duties_pkey" PRIMARY KEY("submission_id","duty_id")
);
--> statement-breakpoint
CREATE TABLE "submissions" (
	"id" serial PRIMARY KEY NOT NULL,
	"form_id" text NOT NULL,
	"person_id" text NOT NULL,
	"filed_by" text NOT NULL,
	"center_code" text NOT NULL,
	"duty_id" integer,
	"values" jsonb NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"on_time" boolean,
	"late_by_ms" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"supersedes_id" integer,
	"superseded_at" timestamp with time zone,
	"source_message_id" text,
	"nonce" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deductions" ADD CONSTRAINT "deductions_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deductions" ADD CONSTRAINT "deductions_recorded_by_people_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_duties" ADD CONSTRAINT "submission_duties_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_duties" ADD CONSTRAINT "submission_duties_duty_id_duties_id_fk" FOREIGN KEY ("duty_id") REFERENCES "public"."duties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_filed_by_people_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_duty_id_duties_id_fk" FOREIGN KEY ("duty_id") REFERENCES "public"."duties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "attachments_key" ON "attachments" USING btree ("message_id","image_key");--> statement-breakpoint
CREATE INDEX "submission_duties_duty_idx" ON "submission_duties" USING btree ("duty_id");--> statement-breakpoint
CREATE UNIQUE INDEX "submissions_nonce_key" ON "submissions" USING btree ("form_id","nonce");--> statement-breakpoint
CREATE INDEX "submissions_person_idx" ON "submissions" USING btree ("person_id","filed_at");--> statement-breakpoint
CREATE INDEX "submissions_duty_idx" ON "submissions" USING btree ("duty_id") WHERE "submissions"."superseded_at" is null;