CREATE SEQUENCE "public"."entity_cache_invalidation_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "entity_cache_entries" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"tags" text[] NOT NULL,
	"expires_at" timestamp (3) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "entity_cache_invalidations" (
	"tag" text NOT NULL,
	"seq" bigint NOT NULL,
	"at" timestamp (3) NOT NULL
);
--> statement-breakpoint
CREATE INDEX "entity_cache_entries_tags" ON "entity_cache_entries" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "entity_cache_entries_expires_at" ON "entity_cache_entries" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "entity_cache_invalidations_tag_seq" ON "entity_cache_invalidations" USING btree ("tag","seq");--> statement-breakpoint
CREATE INDEX "entity_cache_invalidations_at" ON "entity_cache_invalidations" USING btree ("at");