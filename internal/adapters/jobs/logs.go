package jobs

import (
	"context"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// stopGrace is how long Stop waits for cancelled jobs once the stop's own time ran out.
const stopGrace = 2 * time.Second

// errorLogger logs every failed attempt of a job once, where it is handled (here).
type errorLogger struct{ log *zap.Logger }

func (h errorLogger) HandleError(_ context.Context, job *rivertype.JobRow, err error) *river.ErrorHandlerResult {
	h.log.Warn("job failed", zap.String("kind", job.Kind), zap.Int64("job_id", job.ID),
		zap.Int("attempt", job.Attempt), zap.Int("max_attempts", job.MaxAttempts), zap.Error(err))
	return nil
}

func (h errorLogger) HandlePanic(_ context.Context, job *rivertype.JobRow, panicVal any, trace string) *river.ErrorHandlerResult {
	h.log.Error("job panicked", zap.String("kind", job.Kind), zap.Int64("job_id", job.ID),
		zap.Int("attempt", job.Attempt), zap.Any("panic", panicVal), zap.String("stack", trace))
	return nil
}

// riverLogger hands River's own log lines to zap; River's information lines (the leader
// elected, a queue started) are below what File Keeper logs, so only warnings and errors pass.
func riverLogger(log *zap.Logger) *slog.Logger { return slog.New(zapHandler{log: log}) }

// zapHandler is a slog.Handler writing to a zap.Logger.
type zapHandler struct {
	log *zap.Logger
}

func (h zapHandler) Enabled(_ context.Context, l slog.Level) bool {
	return l >= slog.LevelWarn && h.log.Core().Enabled(zapLevel(l))
}

func (h zapHandler) Handle(_ context.Context, r slog.Record) error {
	fields := make([]zap.Field, 0, r.NumAttrs())
	r.Attrs(func(a slog.Attr) bool {
		fields = append(fields, zap.Any(a.Key, a.Value.Resolve().Any()))
		return true
	})
	if ce := h.log.Check(zapLevel(r.Level), r.Message); ce != nil {
		ce.Write(fields...)
	}
	return nil
}

func (h zapHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	fields := make([]zap.Field, 0, len(attrs))
	for _, a := range attrs {
		fields = append(fields, zap.Any(a.Key, a.Value.Resolve().Any()))
	}
	return zapHandler{log: h.log.With(fields...)}
}

func (h zapHandler) WithGroup(name string) slog.Handler {
	return zapHandler{log: h.log.With(zap.Namespace(name))}
}

func zapLevel(l slog.Level) zapcore.Level {
	switch {
	case l >= slog.LevelError:
		return zapcore.ErrorLevel
	case l >= slog.LevelWarn:
		return zapcore.WarnLevel
	case l >= slog.LevelInfo:
		return zapcore.InfoLevel
	default:
		return zapcore.DebugLevel
	}
}
