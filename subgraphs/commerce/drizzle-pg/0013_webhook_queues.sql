CREATE TABLE "webhook_deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"endpoint_id" text NOT NULL,
	"seq" integer NOT NULL,
	"event_id" text NOT NULL,
	"topic" text NOT NULL,
	"body" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp (3) NOT NULL,
	"last_attempt_at" timestamp (3),
	"last_status_code" integer,
	"last_error" text,
	"delivered_at" timestamp (3),
	"created_at" timestamp (3) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoints" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"url" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"secret" text NOT NULL,
	"previous_secret" text,
	"previous_secret_until" timestamp (3),
	"enabled" boolean NOT NULL,
	"disabled_reason" text,
	"disabled_at" timestamp (3),
	"failing_since" timestamp (3),
	"last_seq" integer DEFAULT 0 NOT NULL,
	"delivered_through" integer DEFAULT 0 NOT NULL,
	"head_due_at" timestamp (3),
	"leased_until" timestamp (3),
	"created_at" timestamp (3) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_subscriptions" (
	"owner_id" text NOT NULL,
	"topic" text NOT NULL,
	"endpoint_id" text NOT NULL,
	CONSTRAINT "webhook_subscriptions_owner_id_topic_endpoint_id_pk" PRIMARY KEY("owner_id","topic","endpoint_id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_deliveries_endpoint_seq" ON "webhook_deliveries" USING btree ("endpoint_id","seq");--> statement-breakpoint
CREATE INDEX "webhook_endpoints_owner" ON "webhook_endpoints" USING btree ("owner_id","created_at","id");--> statement-breakpoint
CREATE INDEX "webhook_endpoints_head_due" ON "webhook_endpoints" USING btree ("head_due_at");--> statement-breakpoint
CREATE INDEX "webhook_subscriptions_endpoint" ON "webhook_subscriptions" USING btree ("endpoint_id","topic");