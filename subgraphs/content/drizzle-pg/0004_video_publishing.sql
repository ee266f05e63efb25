CREATE TABLE "video_products" (
	"video_id" text NOT NULL,
	"product_id" text NOT NULL,
	"position" integer NOT NULL,
	"tagged_at" timestamp (3) NOT NULL,
	CONSTRAINT "video_products_video_id_product_id_pk" PRIMARY KEY("video_id","product_id")
);
--> statement-breakpoint
ALTER TABLE "video_products" ADD CONSTRAINT "video_products_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "video_products_position" ON "video_products" USING btree ("video_id","position");