CREATE TABLE "center_roles" (
	"id" serial PRIMARY KEY NOT NULL,
	"center_code" text NOT NULL,
	"role" text NOT NULL,
	"person_id" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "center_roles_role_check" CHECK ("center_roles"."role" in ('manager', 'supervisor', 'leader')),
	CONSTRAINT "center_roles_range_check" CHECK ("center_roles"."valid_to" is null or "center_roles"."valid_to" >= "center_roles"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "centers" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"headcount" integer NOT NULL,
	"households" integer NOT NULL,
	"posts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"chat" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chats" (
	"chat_id" text PRIMARY KEY NOT NULL,
	"name" text,
	"purpose" text DEFAULT 'other' NOT NULL,
	"bot_member" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "company" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"announcements_chat" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "company_single_row" CHECK ("company"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "department_members" (
	"department" text NOT NULL,
	"person_id" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "department_members_pkey" PRIMARY KEY("department","person_id")
);
--> statement-breakpoint
CREATE TABLE "org_imports" (
	"id" serial PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"sha256" text NOT NULL,
	"effective_day" date NOT NULL,
	"summary" jsonb NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"open_id" text,
	"email" text,
	"mobile" text,
	"roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"since" date NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "center_roles" ADD CONSTRAINT "center_roles_center_code_centers_code_fk" FOREIGN KEY ("center_code") REFERENCES "public"."centers"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "center_roles" ADD CONSTRAINT "center_roles_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "department_members" ADD CONSTRAINT "department_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "center_roles_open_key" ON "center_roles" USING btree ("center_code","role","person_id") WHERE "center_roles"."valid_to" is null;--> statement-breakpoint
CREATE INDEX "center_roles_person_idx" ON "center_roles" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "people_open_id_key" ON "people" USING btree ("open_id");