-- Share links with limits, and where a forwarded file came from.

-- A link may expire (expires_at, NULL: never), admit a number of people (max_viewers, 0: anyone;
-- viewers counts those admitted, the owner aside) and protect what it gives (Telegram's
-- protect_content: the receiver cannot forward or save it). Admitting a viewer is one UPDATE of
-- the share's row guarded by viewers < max_viewers, so two people opening the last place at once
-- cannot both get it.
ALTER TABLE shares
    ADD COLUMN expires_at  timestamptz,
    ADD COLUMN max_viewers integer NOT NULL DEFAULT 0 CHECK (max_viewers >= 0),
    ADD COLUMN viewers     integer NOT NULL DEFAULT 0 CHECK (viewers >= 0),
    ADD COLUMN protect     boolean NOT NULL DEFAULT false;
-- The links made before count the people who opened them already.
UPDATE shares SET viewers = (
    SELECT count(*) FROM share_grants g WHERE g.share_id = shares.id AND g.viewer_id <> shares.owner_id);

-- A file forwarded from another chat keeps its forward_origin: the kind ('user', 'hidden_user',
-- 'chat', 'channel'; '' for a file not forwarded), the name shown (a channel's or chat's title,
-- a user's name, with the @username when there is one) and the date of the original message.
ALTER TABLE files
    ADD COLUMN origin_kind text NOT NULL DEFAULT ''
        CHECK (origin_kind IN ('', 'user', 'hidden_user', 'chat', 'channel')),
    ADD COLUMN origin_name text NOT NULL DEFAULT '',
    ADD COLUMN origin_date timestamptz;
-- Search finds a file by its origin's name as by its name or caption (see 000003_find_share).
CREATE INDEX files_origin_name_trgm_idx ON files USING gin (lower(origin_name) gin_trgm_ops)
    WITH (fastupdate = off);
CREATE INDEX files_owner_origin_prefix_idx ON files (owner_id, left(lower(origin_name), 32) text_pattern_ops);
