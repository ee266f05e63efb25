-- Orders from before returns and settlement (see the SQLite migration of the same name).
UPDATE "orders" SET "returns_until" = "fulfilled_at" + interval '30 days' WHERE "fulfilled_at" IS NOT NULL AND "returns_until" IS NULL;--> statement-breakpoint
UPDATE "orders" SET "cancelled_by" = 'BUYER' WHERE "status" = 'CANCELLED' AND "cancelled_by" IS NULL;--> statement-breakpoint
UPDATE "order_lines" SET "commission_reversed" = "commission_amount" WHERE "order_id" IN (SELECT "id" FROM "orders" WHERE "status" = 'CANCELLED');
