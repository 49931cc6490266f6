// Package faulttest holds the fault tests of File Keeper: the real binary, run as a child process
// against the local Bot API (package botapi) and a fresh PostgreSQL database, is killed with
// SIGKILL at random points, stopped with SIGTERM under load, cut off from PostgreSQL, answered 429,
// 502, connection resets and hung requests by the Bot API, and made to serve users who blocked it;
// each test then checks that every update was applied exactly once and what each user saw.
//
// The tests run in `make test` and each is bounded in time. FAULT_SEED replays the random choices
// of a run (every test logs the seed it used).
package faulttest
