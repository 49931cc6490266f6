package tcpproxy

import (
	"encoding/binary"
	"sync/atomic"
)

// PostgreSQL's protocol (version 3): after the untyped startup packet, every message is a type
// byte, an int32 length that counts itself, and the body. The readers below follow the message
// boundaries across chunks and look only at the bytes they count.

// Startup packet codes that are not a startup: the client asks for TLS or GSS encryption first,
// and the server answers with a single byte.
const (
	sslRequest    = 80877103
	gssEncRequest = 80877104
)

// messageReader walks the messages of one direction of a connection.
type messageReader struct {
	hdr     [8]byte
	have    int   // bytes of the header read
	skip    int64 // bytes of the current body still to pass
	typ     byte
	first   bool // the body's first byte is still to come
	untyped bool // the next message has no type byte (the startup packet)
	off     bool // encrypted or not understood: stop reading
	onFirst func(typ, b byte)
	onType  func(typ byte)
}

func (r *messageReader) feed(b []byte) {
	for len(b) > 0 && !r.off {
		if r.skip > 0 {
			if r.first {
				r.first = false
				if r.onFirst != nil {
					r.onFirst(r.typ, b[0])
				}
			}
			n := min(int64(len(b)), r.skip)
			r.skip -= n
			b = b[n:]
			continue
		}
		width := 5
		if r.untyped {
			width = 8 // length and protocol code
		}
		n := copy(r.hdr[r.have:width], b)
		r.have += n
		b = b[n:]
		if r.have < width {
			continue
		}
		r.have = 0
		r.header(width)
	}
}

// header takes a complete message header of width bytes.
func (r *messageReader) header(width int) {
	if r.untyped {
		r.untyped = false
		length := int64(binary.BigEndian.Uint32(r.hdr[0:4]))
		code := binary.BigEndian.Uint32(r.hdr[4:8])
		if code == sslRequest || code == gssEncRequest {
			r.off = true // the client may switch to TLS: nothing further is readable
			return
		}
		r.skip = length - int64(width)
	} else {
		r.typ = r.hdr[0]
		if r.onType != nil {
			r.onType(r.typ)
		}
		r.skip = int64(binary.BigEndian.Uint32(r.hdr[1:5])) - 4
		r.first = r.skip > 0
	}
	if r.skip < 0 {
		r.off = true
	}
}

// newFrontendReader counts the client's Query ('Q') and Execute ('E') messages in statements.
func newFrontendReader(statements *atomic.Int64) *messageReader {
	return &messageReader{untyped: true, onType: func(typ byte) {
		if typ == 'Q' || typ == 'E' {
			statements.Add(1)
		}
	}}
}

// newBackendReader counts, in transactions, each ReadyForQuery ('Z') whose status returns to
// idle ('I') from a transaction block ('T', or 'E' for a failed one).
func newBackendReader(transactions *atomic.Int64) *messageReader {
	status := byte('I')
	return &messageReader{onFirst: func(typ, b byte) {
		if typ != 'Z' {
			return
		}
		if b == 'I' && status != 'I' {
			transactions.Add(1)
		}
		status = b
	}}
}
