CREATE TABLE "api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"partner_id" text NOT NULL,
	"name" text NOT NULL,
	"scopes" jsonb NOT NULL,
	"secret_hash" text NOT NULL,
	"tier" text DEFAULT 'standard' NOT NULL,
	"created_at" timestamp (3) NOT NULL,
	"expires_at" timestamp (3),
	"revoked_at" timestamp (3)
);
--> statement-breakpoint
CREATE TABLE "rate_limit_buckets" (
	"id" text PRIMARY KEY NOT NULL,
	"available" double precision NOT NULL,
	"updated_at" double precision NOT NULL,
	"full_at" double precision NOT NULL,
	"allowed" boolean NOT NULL
);
--> statement-breakpoint
CREATE INDEX "api_keys_partner" ON "api_keys" USING btree ("partner_id");--> statement-breakpoint
CREATE INDEX "rate_limit_buckets_full_at" ON "rate_limit_buckets" USING btree ("full_at");