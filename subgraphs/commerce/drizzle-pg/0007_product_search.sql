-- Full-text search over products (title, description, brand name) and brands (name, description):
-- a tsvector per row in a table of its own with a GIN index, kept in step by triggers, so every
-- write (a partner's edit, a feed import, a brand's rename) updates it in its own transaction.
-- Weights: title A, brand name B, description C (ts_rank favours a match in the title).
-- Not in tables-postgres.ts: drizzle-kit knows no triggers.
CREATE FUNCTION product_search_document(title text, description text, brand_name text) RETURNS tsvector
	LANGUAGE sql IMMUTABLE AS $$
	SELECT setweight(to_tsvector('english', coalesce(title, '')), 'A')
		|| setweight(to_tsvector('english', coalesce(brand_name, '')), 'B')
		|| setweight(to_tsvector('english', coalesce(description, '')), 'C')
$$;
--> statement-breakpoint
CREATE FUNCTION brand_search_document(name text, description text) RETURNS tsvector
	LANGUAGE sql IMMUTABLE AS $$
	SELECT setweight(to_tsvector('english', coalesce(name, '')), 'A') || setweight(to_tsvector('english', coalesce(description, '')), 'C')
$$;
--> statement-breakpoint
CREATE TABLE "product_search" (
	"product_id" text PRIMARY KEY REFERENCES "products"("id") ON DELETE CASCADE,
	"document" tsvector NOT NULL
);
--> statement-breakpoint
CREATE INDEX "product_search_document" ON "product_search" USING gin ("document");
--> statement-breakpoint
CREATE TABLE "brand_search" (
	"brand_id" text PRIMARY KEY REFERENCES "brands"("id") ON DELETE CASCADE,
	"document" tsvector NOT NULL
);
--> statement-breakpoint
CREATE INDEX "brand_search_document" ON "brand_search" USING gin ("document");
--> statement-breakpoint
INSERT INTO "product_search" ("product_id", "document")
	SELECT p."id", product_search_document(p."title", p."description", b."name") FROM "products" p JOIN "brands" b ON b."id" = p."brand_id";
--> statement-breakpoint
INSERT INTO "brand_search" ("brand_id", "document") SELECT "id", brand_search_document("name", "description") FROM "brands";
--> statement-breakpoint
CREATE FUNCTION products_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "product_search" ("product_id", "document")
		VALUES (NEW."id", product_search_document(NEW."title", NEW."description", (SELECT "name" FROM "brands" WHERE "id" = NEW."brand_id")))
		ON CONFLICT ("product_id") DO UPDATE SET "document" = excluded."document";
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "products_search_sync" AFTER INSERT OR UPDATE OF "title", "description", "brand_id" ON "products" FOR EACH ROW EXECUTE FUNCTION products_search_sync();
--> statement-breakpoint
CREATE FUNCTION brands_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "brand_search" ("brand_id", "document") VALUES (NEW."id", brand_search_document(NEW."name", NEW."description"))
		ON CONFLICT ("brand_id") DO UPDATE SET "document" = excluded."document";
	IF TG_OP = 'UPDATE' AND NEW."name" IS DISTINCT FROM OLD."name" THEN
		UPDATE "product_search" s SET "document" = product_search_document(p."title", p."description", NEW."name")
			FROM "products" p WHERE p."id" = s."product_id" AND p."brand_id" = NEW."id";
	END IF;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "brands_search_sync" AFTER INSERT OR UPDATE OF "name", "description" ON "brands" FOR EACH ROW EXECUTE FUNCTION brands_search_sync();
--> statement-breakpoint
-- What each product has sold so far (kept from here on by every order write).
INSERT INTO "product_sales" ("product_id", "units")
	SELECT l."product_id", sum(l."quantity" - l."refunded_quantity") FROM "order_lines" l JOIN "orders" o ON o."id" = l."order_id"
	WHERE o."status" <> 'CANCELLED' GROUP BY l."product_id" HAVING sum(l."quantity" - l."refunded_quantity") <> 0;
