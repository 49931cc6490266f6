package app

import (
	"context"
	"fmt"
	"time"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// StorageClaim is a claim on a file's copy to the storage chat, taken before the post.
type StorageClaim struct {
	// Floor is the highest message id of the chat recorded when the claim was first taken: every
	// post of an attempt of this claim has a higher id.
	Floor int64
	// Attempts counts the attempts that took the claim: above 1, an earlier one may have posted
	// and not recorded its post (it crashed, or lost the claim), and that post is to be found.
	Attempts int
}

// Unsure tells whether an earlier attempt may have left a post behind.
func (c StorageClaim) Unsure() bool { return c.Attempts > 1 }

// StorageClaimRepository keeps the claims on copies to the storage chat: what makes a copy exactly
// one when an attempt dies between its post and its record (the Bot API cannot list a channel's
// messages: the claim is what says where an unrecorded post may be).
type StorageClaimRepository interface {
	// Claim claims the copy of the file in chatID for holder, taking over a claim an earlier
	// attempt took more than lease ago; ok is false when the file is gone or has its copy, or
	// another attempt claimed it less than lease ago.
	Claim(ctx context.Context, fileID, chatID int64, holder string, lease time.Duration) (c StorageClaim, ok bool, err error)
	// Record records c as the file's copy if holder still holds its claim, and drops the claim;
	// false when another attempt took the claim over, or the file is gone or has its copy.
	Record(ctx context.Context, fileID int64, holder string, c domain.StorageCopy) (bool, error)
	// Known lists the message ids of chatID strictly between above and below that are known
	// copies (of files, or of files deleted for good not yet deleted from the chat).
	Known(ctx context.Context, chatID, above, below int64) ([]int64, error)
}

// Claim claims the copy of file fileID to the storage chat chatID for holder (mirror.Copy), for
// lease: past it, another attempt may take the claim over.
func (h Storage) Claim(ctx context.Context, fileID, chatID int64, holder string, lease time.Duration) (StorageClaim, bool, error) {
	type claimed struct {
		c  StorageClaim
		ok bool
	}
	got, err := inTx(ctx, h.uow, fmt.Sprintf("claim the copy of file %d", fileID), func(ctx context.Context, r Repos) (claimed, error) {
		c, ok, err := r.Claims.Claim(ctx, fileID, chatID, holder, lease)
		return claimed{c, ok}, err
	})
	return got.c, got.ok, err
}

// RecordClaimed records the post c of the attempt holder as the file's copy, if it still holds
// the claim; false when it does not, and the post is then one too many.
func (h Storage) RecordClaimed(ctx context.Context, fileID int64, holder string, c domain.StorageCopy) (bool, error) {
	return inTx(ctx, h.uow, fmt.Sprintf("record the copy of file %d", fileID), func(ctx context.Context, r Repos) (bool, error) {
		return r.Claims.Record(ctx, fileID, holder, c)
	})
}

// KnownPosts lists the posts of chatID strictly between above and below that are known copies.
func (h Storage) KnownPosts(ctx context.Context, chatID, above, below int64) ([]int64, error) {
	return inTx(ctx, h.uow, "list the known posts of the storage chat", func(ctx context.Context, r Repos) ([]int64, error) {
		return r.Claims.Known(ctx, chatID, above, below)
	})
}
