package logging_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/logging"
)

func TestTheLoggerOfAContextIsTheOneItCarries(t *testing.T) {
	fallback, carried := zap.NewNop(), zap.NewExample()
	assert.Same(t, fallback, logging.FromContext(context.Background(), fallback), "no logger in the context: the fallback")
	ctx := logging.NewContext(context.Background(), carried)
	assert.Same(t, carried, logging.FromContext(ctx, fallback))
	assert.Same(t, fallback, logging.FromContext(logging.NewContext(context.Background(), nil), fallback), "a nil logger is none")
}
