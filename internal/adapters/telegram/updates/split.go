package updates

import (
	"bytes"
	"encoding/json"
	"errors"
)

// Reading a getUpdates answer with encoding/json scans it twice (the decoder's read, then the
// skip of each raw update), with a state machine that costs about as much as decoding, and most
// of an answer under load is updates already held. splitAnswer walks the answer once with a
// plain byte loop instead: the updates of "result" are slices of body, left for admit to read
// (the fresh ones are decoded, and so checked, by encoding/json). An answer it cannot walk is
// read by encoding/json, as before.

var errWalk = errors.New("not a getUpdates answer the walk reads")

// readAnswer reads a getUpdates answer: by the walk, or else by encoding/json.
func readAnswer(body []byte) (getUpdatesResponse, error) {
	if r, err := splitAnswer(body); err == nil {
		return r, nil
	}
	var r getUpdatesResponse
	if err := json.Unmarshal(body, &r); err != nil {
		return r, err
	}
	return r, nil
}

// splitAnswer walks a successful answer {"ok":true,"result":[...]}: anything else (an error
// answer, another shape) is errWalk.
func splitAnswer(body []byte) (getUpdatesResponse, error) {
	var r getUpdatesResponse
	i := skipSpace(body, 0)
	if i >= len(body) || body[i] != '{' {
		return r, errWalk
	}
	for i = skipSpace(body, i+1); i < len(body) && body[i] != '}'; {
		keyEnd, err := skipString(body, i)
		if err != nil {
			return r, err
		}
		key := body[i:keyEnd]
		if i = skipSpace(body, keyEnd); i >= len(body) || body[i] != ':' {
			return r, errWalk
		}
		start := skipSpace(body, i+1)
		end, err := skipValue(body, start)
		if err != nil {
			return r, err
		}
		switch string(key) {
		case `"ok"`:
			r.OK = string(body[start:end]) == "true"
		case `"result"`:
			if r.Result, err = splitArray(body[start:end]); err != nil {
				return r, err
			}
		default:
			return r, errWalk // an error answer, or a field it does not know: encoding/json reads it
		}
		if i = skipSpace(body, end); i < len(body) && body[i] == ',' {
			if i = skipSpace(body, i+1); i >= len(body) || body[i] != '"' {
				return r, errWalk
			}
		} else if i >= len(body) || body[i] != '}' {
			return r, errWalk
		}
	}
	if i >= len(body) || skipSpace(body, i+1) != len(body) || !r.OK {
		return r, errWalk
	}
	return r, nil
}

// splitArray is the elements of a JSON array, as slices of it.
func splitArray(b []byte) ([]json.RawMessage, error) {
	if len(b) < 2 || b[0] != '[' {
		return nil, errWalk
	}
	out := []json.RawMessage{}
	i := skipSpace(b, 1)
	for i < len(b) && b[i] != ']' {
		if b[i] != '{' {
			return nil, errWalk // an update is an object
		}
		end, err := skipValue(b, i)
		if err != nil {
			return nil, err
		}
		out = append(out, b[i:end:end])
		if i = skipSpace(b, end); i < len(b) && b[i] == ',' {
			if i = skipSpace(b, i+1); i >= len(b) || b[i] == ']' {
				return nil, errWalk
			}
		} else if i >= len(b) || b[i] != ']' {
			return nil, errWalk
		}
	}
	if i != len(b)-1 {
		return nil, errWalk
	}
	return out, nil
}

// skipValue is the end of the value starting at b[i]: an object or array to its closing
// bracket (strings inside it skipped as strings), a string, or a literal to its delimiter.
func skipValue(b []byte, i int) (int, error) {
	if i >= len(b) {
		return 0, errWalk
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				end, err := skipString(b, j)
				if err != nil {
					return 0, err
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return j + 1, nil
				}
			}
		}
		return 0, errWalk
	}
	j := i
	for j < len(b) && bytes.IndexByte([]byte(",}] \t\r\n"), b[j]) < 0 {
		j++
	}
	if j == i {
		return 0, errWalk
	}
	return j, nil
}

// skipString is the end of the string starting at b[i] (its closing quote's index + 1).
func skipString(b []byte, i int) (int, error) {
	if i >= len(b) || b[i] != '"' {
		return 0, errWalk
	}
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1, nil
		}
	}
	return 0, errWalk
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n') {
		i++
	}
	return i
}
