// Package logging is the only provider of *zap.Logger, and routes fx's own events through it.
package logging

import (
	"fmt"
	"os"
	"time"

	"go.uber.org/fx"
	"go.uber.org/fx/fxevent"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// Sampling of the lines below warn in JSON (production) logs: of the lines with the same message
// and level, the first SampleFirst of each second are written, then one in SampleThereafter.
// The line every update closes with is written so; every warn and error line is written.
const (
	SampleFirst      = 100
	SampleThereafter = 100
)

// New builds the logger: JSON for production, console for people; level debug|info|warn|error.
// It writes to standard error.
func New(level, format string) (*zap.Logger, error) {
	return NewTo(level, format, zapcore.Lock(os.Stderr))
}

// NewTo is New writing to out.
func NewTo(level, format string, out zapcore.WriteSyncer) (*zap.Logger, error) {
	lvl, err := zapcore.ParseLevel(level)
	if err != nil {
		return nil, fmt.Errorf("LOG_LEVEL %q: %w", level, err)
	}
	enc := zap.NewProductionEncoderConfig()
	if format == "console" {
		enc = zap.NewDevelopmentEncoderConfig()
		enc.EncodeLevel = zapcore.CapitalColorLevelEncoder
	}
	enc.TimeKey = "ts"
	enc.EncodeTime = zapcore.ISO8601TimeEncoder
	encoder := zapcore.NewJSONEncoder(enc)
	if format == "console" {
		encoder = zapcore.NewConsoleEncoder(enc)
	}
	// A stack of the logging call says nothing to a user (a panic's stack is logged as a field),
	// so no AddStacktrace.
	opts := []zap.Option{zap.AddCaller(), zap.ErrorOutput(zapcore.Lock(os.Stderr))}
	if format == "console" {
		return zap.New(zapcore.NewCore(encoder, out, lvl), append(opts, zap.Development())...), nil
	}
	below := zap.LevelEnablerFunc(func(l zapcore.Level) bool { return l >= lvl && l < zapcore.WarnLevel })
	above := zap.LevelEnablerFunc(func(l zapcore.Level) bool { return l >= lvl && l >= zapcore.WarnLevel })
	core := zapcore.NewTee(
		zapcore.NewSamplerWithOptions(zapcore.NewCore(encoder, out, below), time.Second, SampleFirst, SampleThereafter),
		zapcore.NewCore(encoder.Clone(), out, above),
	)
	return zap.New(core, opts...), nil
}

// Module supplies a logger to the graph and makes fx log its own events through it.
func Module(log *zap.Logger) fx.Option {
	return fx.Options(
		fx.Supply(log),
		fx.WithLogger(func(l *zap.Logger) fxevent.Logger {
			fl := &fxevent.ZapLogger{Logger: l.Named("fx")}
			fl.UseLogLevel(zapcore.DebugLevel) // fx's wiring chatter only at LOG_LEVEL=debug
			// Its errors too: a failed start is said once, by the command, in plain words;
			// fx's copies (the hook, the rollback, the start) would repeat it with traces.
			fl.UseErrorLevel(zapcore.DebugLevel)
			return fl
		}),
	)
}
