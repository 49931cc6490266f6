-- name: GrantShare :execrows
-- Records that the viewer opened the link (again: the time is refreshed). An unknown share or
-- viewer is refused by the foreign keys.
INSERT INTO share_grants (share_id, viewer_id, granted_at)
VALUES (@share_id, @viewer_id, @granted_at)
ON CONFLICT (share_id, viewer_id) DO UPDATE SET granted_at = EXCLUDED.granted_at;

-- name: GetGrantedShare :one
-- The share, active or revoked, if the viewer holds a grant for it; no row otherwise.
SELECT shares.* FROM shares
JOIN share_grants ON share_grants.share_id = shares.id
WHERE shares.id = @share_id AND share_grants.viewer_id = @viewer_id;

-- name: AddShareGrant :execrows
-- A grant for a viewer who holds none: one row when it is new, none when they hold it already
-- (a second opening at once waits for the first one's commit and then adds nothing).
INSERT INTO share_grants (share_id, viewer_id, granted_at)
VALUES (@share_id, @viewer_id, @granted_at)
ON CONFLICT (share_id, viewer_id) DO NOTHING;

-- name: DeleteShareGrant :execrows
-- Takes back a grant just added for a viewer the link had no place for.
DELETE FROM share_grants
WHERE share_id = @share_id AND viewer_id = @viewer_id;
