CREATE TABLE "affiliate_clicks" (
	"link_id" text NOT NULL,
	"user_id" text NOT NULL,
	"clicked_at" timestamp (3) NOT NULL,
	CONSTRAINT "affiliate_clicks_link_id_user_id_pk" PRIMARY KEY("link_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "affiliate_links" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"creator_id" text NOT NULL,
	"product_id" text NOT NULL,
	"clicks" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) NOT NULL,
	CONSTRAINT "affiliate_links_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "brands" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"description" text NOT NULL,
	"platform" text NOT NULL,
	"logo_url" text NOT NULL,
	CONSTRAINT "brands_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "catalog_products" (
	"catalog_id" text NOT NULL,
	"product_id" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "catalog_products_catalog_id_product_id_pk" PRIMARY KEY("catalog_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "catalogs" (
	"id" text PRIMARY KEY NOT NULL,
	"brand_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"created_at" timestamp (3) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "creator_catalogs" (
	"creator_id" text NOT NULL,
	"catalog_id" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "creator_catalogs_creator_id_catalog_id_pk" PRIMARY KEY("creator_id","catalog_id")
);
--> statement-breakpoint
CREATE TABLE "creator_commissions" (
	"id" text PRIMARY KEY NOT NULL,
	"brand_id" text NOT NULL,
	"creator_id" text NOT NULL,
	"product_id" text,
	"commission_bps" integer NOT NULL,
	"updated_at" timestamp (3) NOT NULL,
	CONSTRAINT "creator_commissions_bps_range" CHECK ("creator_commissions"."commission_bps" between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"operation" text NOT NULL,
	"request_hash" text NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp (3) NOT NULL,
	CONSTRAINT "idempotency_keys_scope_key_pk" PRIMARY KEY("scope","key")
);
--> statement-breakpoint
CREATE TABLE "live_event_topics" (
	"topic" text PRIMARY KEY NOT NULL,
	"last_seq" integer NOT NULL,
	"pruned_through" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "live_events" (
	"topic" text NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp (3) NOT NULL,
	CONSTRAINT "live_events_topic_seq_pk" PRIMARY KEY("topic","seq")
);
--> statement-breakpoint
CREATE TABLE "live_stream_pins" (
	"live_stream_id" text NOT NULL,
	"product_id" text NOT NULL,
	"position" integer NOT NULL,
	"pinned_at" timestamp (3) NOT NULL,
	CONSTRAINT "live_stream_pins_live_stream_id_product_id_pk" PRIMARY KEY("live_stream_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "order_lines" (
	"order_id" text NOT NULL,
	"position" integer NOT NULL,
	"product_id" text NOT NULL,
	"title" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price_amount" integer NOT NULL,
	"total_amount" integer NOT NULL,
	"commission_bps" integer NOT NULL,
	"commission_amount" integer NOT NULL,
	"attributed" boolean DEFAULT false NOT NULL,
	CONSTRAINT "order_lines_order_id_position_pk" PRIMARY KEY("order_id","position"),
	CONSTRAINT "order_lines_quantity_positive" CHECK ("order_lines"."quantity" > 0),
	CONSTRAINT "order_lines_total" CHECK ("order_lines"."total_amount" = "order_lines"."unit_price_amount" * "order_lines"."quantity")
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" text PRIMARY KEY NOT NULL,
	"buyer_id" text NOT NULL,
	"brand_id" text NOT NULL,
	"status" text NOT NULL,
	"currency" text NOT NULL,
	"total_amount" integer NOT NULL,
	"commission_amount" integer NOT NULL,
	"creator_id" text,
	"affiliate_link_id" text,
	"live_stream_id" text,
	"created_at" timestamp (3) NOT NULL,
	"fulfilled_at" timestamp (3),
	"cancelled_at" timestamp (3),
	CONSTRAINT "orders_total_not_negative" CHECK ("orders"."total_amount" >= 0),
	CONSTRAINT "orders_commission_range" CHECK ("orders"."commission_amount" between 0 and "orders"."total_amount"),
	CONSTRAINT "orders_one_attribution" CHECK ("orders"."affiliate_link_id" is null or "orders"."live_stream_id" is null)
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" text PRIMARY KEY NOT NULL,
	"brand_id" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"price_amount" integer NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"inventory" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'ACTIVE' NOT NULL,
	"commission_bps" integer NOT NULL,
	"image_url" text NOT NULL,
	"external_id" text,
	"created_at" timestamp (3) NOT NULL,
	CONSTRAINT "products_inventory_not_negative" CHECK ("products"."inventory" >= 0),
	CONSTRAINT "products_price_not_negative" CHECK ("products"."price_amount" >= 0),
	CONSTRAINT "products_commission_bps_range" CHECK ("products"."commission_bps" between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "showcase_items" (
	"creator_id" text NOT NULL,
	"product_id" text NOT NULL,
	"position" integer NOT NULL,
	"added_at" timestamp (3) NOT NULL,
	CONSTRAINT "showcase_items_creator_id_product_id_pk" PRIMARY KEY("creator_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "used_nonces" (
	"nonce" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp (3) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "video_products" (
	"video_id" text NOT NULL,
	"product_id" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "video_products_video_id_product_id_pk" PRIMARY KEY("video_id","product_id")
);
--> statement-breakpoint
ALTER TABLE "affiliate_clicks" ADD CONSTRAINT "affiliate_clicks_link_id_affiliate_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."affiliate_links"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "affiliate_links" ADD CONSTRAINT "affiliate_links_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_products" ADD CONSTRAINT "catalog_products_catalog_id_catalogs_id_fk" FOREIGN KEY ("catalog_id") REFERENCES "public"."catalogs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_products" ADD CONSTRAINT "catalog_products_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalogs" ADD CONSTRAINT "catalogs_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_catalogs" ADD CONSTRAINT "creator_catalogs_catalog_id_catalogs_id_fk" FOREIGN KEY ("catalog_id") REFERENCES "public"."catalogs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_commissions" ADD CONSTRAINT "creator_commissions_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_commissions" ADD CONSTRAINT "creator_commissions_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_stream_pins" ADD CONSTRAINT "live_stream_pins_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_affiliate_link_id_affiliate_links_id_fk" FOREIGN KEY ("affiliate_link_id") REFERENCES "public"."affiliate_links"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "showcase_items" ADD CONSTRAINT "showcase_items_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_products" ADD CONSTRAINT "video_products_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "affiliate_links_creator_product" ON "affiliate_links" USING btree ("creator_id","product_id");--> statement-breakpoint
CREATE INDEX "affiliate_links_creator_created" ON "affiliate_links" USING btree ("creator_id","created_at","id");--> statement-breakpoint
CREATE INDEX "brands_name" ON "brands" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "catalog_products_position" ON "catalog_products" USING btree ("catalog_id","position");--> statement-breakpoint
CREATE INDEX "catalogs_brand_created" ON "catalogs" USING btree ("brand_id","created_at");--> statement-breakpoint
CREATE INDEX "creator_catalogs_position" ON "creator_catalogs" USING btree ("creator_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "creator_commissions_product_deal" ON "creator_commissions" USING btree ("creator_id","brand_id","product_id") WHERE "creator_commissions"."product_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "creator_commissions_brand_deal" ON "creator_commissions" USING btree ("creator_id","brand_id") WHERE "creator_commissions"."product_id" is null;--> statement-breakpoint
CREATE INDEX "live_events_created" ON "live_events" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "live_stream_pins_position" ON "live_stream_pins" USING btree ("live_stream_id","position");--> statement-breakpoint
CREATE INDEX "orders_buyer_created" ON "orders" USING btree ("buyer_id","created_at","id");--> statement-breakpoint
CREATE INDEX "orders_brand_created" ON "orders" USING btree ("brand_id","created_at","id");--> statement-breakpoint
CREATE INDEX "orders_creator_status" ON "orders" USING btree ("creator_id","status");--> statement-breakpoint
CREATE INDEX "orders_link_status" ON "orders" USING btree ("affiliate_link_id","status");--> statement-breakpoint
CREATE INDEX "orders_live_stream_status" ON "orders" USING btree ("live_stream_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "products_brand_external" ON "products" USING btree ("brand_id","external_id");--> statement-breakpoint
CREATE INDEX "products_status_created" ON "products" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "products_brand_status_created" ON "products" USING btree ("brand_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "showcase_items_position" ON "showcase_items" USING btree ("creator_id","position");--> statement-breakpoint
CREATE INDEX "video_products_position" ON "video_products" USING btree ("video_id","position");