CREATE TABLE "campaign_members" (
	"campaign_id" text NOT NULL,
	"creator_id" text NOT NULL,
	"status" text NOT NULL,
	"invited" boolean NOT NULL,
	"message" text,
	"created_at" timestamp (3) NOT NULL,
	"updated_at" timestamp (3) NOT NULL,
	CONSTRAINT "campaign_members_campaign_id_creator_id_pk" PRIMARY KEY("campaign_id","creator_id")
);
--> statement-breakpoint
CREATE TABLE "campaign_products" (
	"campaign_id" text NOT NULL,
	"product_id" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "campaign_products_campaign_id_product_id_pk" PRIMARY KEY("campaign_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" text PRIMARY KEY NOT NULL,
	"brand_id" text NOT NULL,
	"name" text NOT NULL,
	"brief" text NOT NULL,
	"commission_bps" integer NOT NULL,
	"fee_amount" integer DEFAULT 0 NOT NULL,
	"currency" text NOT NULL,
	"content_deadline" timestamp (3) NOT NULL,
	"capacity" integer NOT NULL,
	"accepted_count" integer DEFAULT 0 NOT NULL,
	"min_fulfilment_bps" integer,
	"status" text NOT NULL,
	"created_at" timestamp (3) NOT NULL,
	"closed_at" timestamp (3),
	CONSTRAINT "campaigns_within_capacity" CHECK ("campaigns"."accepted_count" between 0 and "campaigns"."capacity"),
	CONSTRAINT "campaigns_bps_range" CHECK ("campaigns"."commission_bps" between 1 and 10000),
	CONSTRAINT "campaigns_fee_not_negative" CHECK ("campaigns"."fee_amount" >= 0)
);
--> statement-breakpoint
ALTER TABLE "campaign_members" ADD CONSTRAINT "campaign_members_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_products" ADD CONSTRAINT "campaign_products_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_products" ADD CONSTRAINT "campaign_products_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_members_creator" ON "campaign_members" USING btree ("creator_id","status","updated_at","campaign_id");--> statement-breakpoint
CREATE INDEX "campaign_members_campaign" ON "campaign_members" USING btree ("campaign_id","status","updated_at","creator_id");--> statement-breakpoint
CREATE INDEX "campaign_products_position" ON "campaign_products" USING btree ("campaign_id","position");--> statement-breakpoint
CREATE INDEX "campaign_products_product" ON "campaign_products" USING btree ("product_id","campaign_id");--> statement-breakpoint
CREATE INDEX "campaigns_brand_created" ON "campaigns" USING btree ("brand_id","created_at","id");--> statement-breakpoint
CREATE INDEX "campaigns_status_created" ON "campaigns" USING btree ("status","created_at","id");