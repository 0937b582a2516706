CREATE TABLE "card_actions" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"message_id" text NOT NULL,
	"operator_open_id" text NOT NULL,
	"action" text NOT NULL,
	"value_hash" text NOT NULL,
	"value" jsonb NOT NULL,
	"form_value" jsonb,
	"response" jsonb,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbound_events" (
	"key" text PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"event_type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" text,
	"received_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone,
	"handled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"receive_id_type" text,
	"target" text NOT NULL,
	"msg_type" text NOT NULL,
	"content" jsonb NOT NULL,
	"urgent_to" text[],
	"source" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone,
	"message_id" text,
	"error_code" integer,
	"error" text,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "person_settings" (
	"person_id" text PRIMARY KEY NOT NULL,
	"morning_time" text DEFAULT '08:30' NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_via" text
);
--> statement-breakpoint
ALTER TABLE "person_settings" ADD CONSTRAINT "person_settings_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "card_actions_event_key" ON "card_actions" USING btree ("event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "card_actions_click_key" ON "card_actions" USING btree ("message_id","operator_open_id","action","value_hash");--> statement-breakpoint
CREATE INDEX "inbound_events_pending_idx" ON "inbound_events" USING btree ("received_at") WHERE "inbound_events"."status" in ('pending', 'processing');--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_key" ON "outbox" USING btree ("key");--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("next_attempt_at") WHERE "outbox"."status" in ('pending', 'sending');