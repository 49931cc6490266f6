package queue_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/filekeeper/filekeeper/internal/botapi/queue"
)

func TestAnOffsetConfirmsWhatIsBelowItAndTheRestComesAgain(t *testing.T) {
	var confirmed []int64
	q := queue.New(10, func(id int64) { confirmed = append(confirmed, id) })
	for range 3 {
		q.Push(models.Update{Message: &models.Message{Text: "hi"}})
	}
	got, err := q.Get(context.Background(), queue.Request{Offset: 12, Limit: 100})
	if err != nil || len(got) != 1 || got[0].ID != 12 {
		t.Fatalf("Get(offset 12) = %v, %v; want update 12 alone", got, err)
	}
	if len(confirmed) != 2 || q.Confirmed() != 12 || q.Len() != 1 {
		t.Fatalf("confirmed %v, offset %d, %d pending; want [10 11], 12, 1", confirmed, q.Confirmed(), q.Len())
	}
}

func TestANewerGetTerminatesTheWaitingOne(t *testing.T) {
	q := queue.New(1, nil)
	first := make(chan error, 1)
	go func() {
		_, err := q.Get(context.Background(), queue.Request{Limit: 100, Timeout: time.Minute})
		first <- err
	}()
	deadline := time.Now().Add(5 * time.Second)
	for q.Waiting() == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the first long poll never waited")
		}
		time.Sleep(time.Millisecond)
	}
	if _, err := q.Get(context.Background(), queue.Request{Limit: 100}); err != nil {
		t.Fatalf("the newer Get: %v", err)
	}
	if err := <-first; !errors.Is(err, queue.ErrTerminated) {
		t.Fatalf("the first Get ended with %v, want ErrTerminated", err)
	}
}
