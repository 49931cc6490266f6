// Package redistest gives tests the Redis server of TEST_REDIS_URL (by default the local one,
// redis://127.0.0.1:6379/0) and a key prefix of their own. A test fails, never skips, when the
// server cannot be reached.
//
//	url, prefix := redistest.URL(t), redistest.Prefix(t) // the prefix's keys are deleted at the end
package redistest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	goredis "github.com/redis/go-redis/v9"
)

// DefaultURL is the server used when TEST_REDIS_URL is unset.
const DefaultURL = "redis://127.0.0.1:6379/0"

// URL is the test server's URL, checked to answer: TEST_REDIS_URL or DefaultURL.
func URL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("TEST_REDIS_URL")
	if u == "" {
		u = DefaultURL
	}
	rdb := connect(t, u)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if err := rdb.Ping(ctx).Err(); err != nil {
		t.Fatalf("redistest: no Redis answers at %s (%v): start one (redis-server --daemonize yes; .ci/run does) or set TEST_REDIS_URL", u, err)
	}
	return u
}

// Addr is host:port of the test server.
func Addr(t testing.TB) string {
	t.Helper()
	parsed, err := url.Parse(URL(t))
	if err != nil {
		t.Fatalf("redistest: TEST_REDIS_URL: %v", err)
	}
	return parsed.Host
}

// Prefix is a key prefix no other test uses; its keys are deleted when the test ends.
func Prefix(t testing.TB) string {
	t.Helper()
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	prefix := "filekeeper-test-" + hex.EncodeToString(b) + ":"
	u := URL(t)
	t.Cleanup(func() {
		rdb := connect(t, u)
		ctx := context.Background()
		for _, pattern := range []string{prefix + "*", "rate:" + prefix + "*"} {
			keys, err := rdb.Keys(ctx, pattern).Result()
			if err == nil && len(keys) > 0 {
				rdb.Del(ctx, keys...)
			}
		}
	})
	return prefix
}

func connect(t testing.TB, u string) *goredis.Client {
	t.Helper()
	opts, err := goredis.ParseURL(u)
	if err != nil {
		t.Fatalf("redistest: TEST_REDIS_URL %q is not a Redis URL: %v", u, err)
	}
	opts.DisableIdentity = true
	rdb := goredis.NewClient(opts)
	t.Cleanup(func() { _ = rdb.Close() })
	return rdb
}
