DROP TABLE parked_updates;
DROP INDEX processed_updates_processed_at;
-- Keep one claim per update id: without the bot, ids of different bots would collide.
DELETE FROM processed_updates p USING processed_updates q
 WHERE p.update_id = q.update_id AND p.bot_id > q.bot_id;
ALTER TABLE processed_updates DROP CONSTRAINT processed_updates_pkey;
ALTER TABLE processed_updates DROP COLUMN bot_id;
ALTER TABLE processed_updates ADD PRIMARY KEY (update_id);
