// Package logging is the only provider of *zap.Logger, and routes fx's own events through it.
package logging

import (
	"fmt"

	"go.uber.org/fx"
	"go.uber.org/fx/fxevent"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// New builds the logger: JSON for production, console for people; level debug|info|warn|error.
func New(level, format string) (*zap.Logger, error) {
	lvl, err := zapcore.ParseLevel(level)
	if err != nil {
		return nil, fmt.Errorf("LOG_LEVEL %q: %w", level, err)
	}
	cfg := zap.NewProductionConfig()
	if format == "console" {
		cfg = zap.NewDevelopmentConfig()
		cfg.EncoderConfig.EncodeLevel = zapcore.CapitalColorLevelEncoder
	}
	cfg.Level = zap.NewAtomicLevelAt(lvl)
	// A stack of the logging call says nothing to a user (a panic's stack is logged as a field).
	cfg.DisableStacktrace = true
	cfg.EncoderConfig.TimeKey = "ts"
	cfg.EncoderConfig.EncodeTime = zapcore.ISO8601TimeEncoder
	log, err := cfg.Build()
	if err != nil {
		return nil, fmt.Errorf("build logger: %w", err)
	}
	return log, nil
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
