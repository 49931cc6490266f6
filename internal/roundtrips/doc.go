// Package roundtrips holds the test that counts, on the wire, the database round trips each
// kind of update costs: the bot's router and use cases over PostgreSQL, behind a proxy that
// reads PostgreSQL's protocol (internal/tcpproxy). It has no code of its own.
package roundtrips
