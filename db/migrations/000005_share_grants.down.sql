DROP INDEX IF EXISTS searches_owner_id_idx;
DROP TABLE IF EXISTS share_grants;
