CREATE TABLE "video_sales" (
	"video_id" text NOT NULL,
	"creator_id" text NOT NULL,
	"orders" integer DEFAULT 0 NOT NULL,
	"units" integer DEFAULT 0 NOT NULL,
	"revenue_amount" integer DEFAULT 0 NOT NULL,
	"commission_amount" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "video_sales_creator_id_video_id_pk" PRIMARY KEY("creator_id","video_id")
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "video_id" text;--> statement-breakpoint
CREATE INDEX "video_sales_creator_revenue" ON "video_sales" USING btree ("creator_id","revenue_amount","video_id");