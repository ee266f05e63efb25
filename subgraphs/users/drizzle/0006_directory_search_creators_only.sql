-- The creators directory's text index holds creators only, so a search reads its matches among them
-- alone (kit/db/text-search.ts makes these statements from the index's description).
DROP TRIGGER "users_search_insert";--> statement-breakpoint
DROP TRIGGER "users_search_delete";--> statement-breakpoint
DROP TRIGGER "users_search_update";--> statement-breakpoint
DROP TABLE "users_search";--> statement-breakpoint
CREATE VIRTUAL TABLE "users_search" USING fts5("handle", "display_name", "bio", content="users", content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');--> statement-breakpoint
CREATE TRIGGER "users_search_insert" AFTER INSERT ON "users" WHEN new."is_creator" = true BEGIN INSERT INTO "users_search"(rowid, "handle", "display_name", "bio") VALUES (new.rowid, new."handle", new."display_name", new."bio"); END;--> statement-breakpoint
CREATE TRIGGER "users_search_delete" AFTER DELETE ON "users" WHEN old."is_creator" = true BEGIN INSERT INTO "users_search"("users_search", rowid, "handle", "display_name", "bio") VALUES ('delete', old.rowid, old."handle", old."display_name", old."bio"); END;--> statement-breakpoint
CREATE TRIGGER "users_search_update" AFTER UPDATE OF "handle", "display_name", "bio", "is_creator" ON "users" BEGIN INSERT INTO "users_search"("users_search", rowid, "handle", "display_name", "bio") SELECT 'delete', old.rowid, old."handle", old."display_name", old."bio" WHERE old."is_creator" = true; INSERT INTO "users_search"(rowid, "handle", "display_name", "bio") SELECT new.rowid, new."handle", new."display_name", new."bio" WHERE new."is_creator" = true; END;--> statement-breakpoint
INSERT INTO "users_search"(rowid, "handle", "display_name", "bio") SELECT rowid, "handle", "display_name", "bio" FROM "users" WHERE "is_creator" = true;
