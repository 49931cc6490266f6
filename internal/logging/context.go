package logging

import (
	"context"

	"go.uber.org/zap"
)

type loggerKey struct{}

// NewContext carries log in ctx: the logger of the update under way, with its request id, so
// that every line logged while handling it says which update it belongs to.
func NewContext(ctx context.Context, log *zap.Logger) context.Context {
	return context.WithValue(ctx, loggerKey{}, log)
}

// FromContext is the logger NewContext put in ctx, or fallback when there is none.
func FromContext(ctx context.Context, fallback *zap.Logger) *zap.Logger {
	if log, ok := ctx.Value(loggerKey{}).(*zap.Logger); ok && log != nil {
		return log
	}
	return fallback
}
