-- Share grants: who opened which link. The buttons under an opened link carry only the share's
-- and the file's ids, which anyone can guess; a grant, written when the viewer redeems the token,
-- is what lets those buttons give a file, and only to that viewer. A grant dies with its share
-- (or its viewer); a revoked share keeps its grants but gives nothing.
CREATE TABLE share_grants (
    share_id   bigint      NOT NULL REFERENCES shares (id) ON DELETE CASCADE,
    viewer_id  bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    granted_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (share_id, viewer_id)
);
-- Deleting a user finds their grants without reading every grant.
CREATE INDEX share_grants_viewer_id_idx ON share_grants (viewer_id);

-- Saved searches are kept per owner, the newest few: pruning walks an owner's by id.
CREATE INDEX searches_owner_id_idx ON searches (owner_id, id DESC);
