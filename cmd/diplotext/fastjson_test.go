package main

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"testing"
	"unsafe"
)

var recordSeeds = []string{
	`{"id":"a1","text":"Ministers met in Geneva."}`,
	` { "id" : 7 , "text" : "x\ny\t\"q\" \\ \/ \u00e9 \ud83d\ude00 \u2028" , "time" : 1700000000000 } `,
	`{"id":null,"text":null}`,
	`{"text":"a","targets":["Norway",{"name":"x","n":[1,2.5e-3,-0,true,false,null]}],"time":"2025-03-07T11:00:00Z"}`,
	`{"ID":"a","text":"b"}`, `{"id":"a","Text":"b"}`, `{"id":"a","text":"b","text":"c"}`,
	`{"id":"a","text":"\ud800"}`, `{"id":"a","text":"\ud800\u0041"}`, "{\"id\":\"a\",\"text\":\"\xff\"}",
	`{"id":"a","text":"b"} x`, `{"id":"a","text":"b",}`, `{"id":01,"text":"b"}`, `{"id":"a","text":5}`,
	`{"id":"a","text":"b","other":{"deep":[[[[]]]]},"n":-1.5E+7}`, `[1,2]`, `{}`, `{"id":"a\u0000","text":""}`,
	`{"k\u0065y":"a","text":"b"}`, `{"id":1e,"text":"b"}`, `{"id":"a","text":"é 王毅"}`, `{"id":{"a":1},"text":"b"}`,
}

// FuzzDecodeRecord holds the fast decoder to json.Unmarshal: whatever it
// accepts, json.Unmarshal accepts too and decodes to the same record.
func FuzzDecodeRecord(f *testing.F) {
	for _, s := range recordSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var fast record
		if !decodeRecord(raw, &fast) {
			return
		}
		var slow record
		if err := json.Unmarshal(raw, &slow); err != nil {
			t.Fatalf("fast path accepted %q, json.Unmarshal: %v", raw, err)
		}
		if !bytes.Equal(fast.ID, slow.ID) || !bytes.Equal(fast.Targets, slow.Targets) || !bytes.Equal(fast.Time, slow.Time) ||
			(fast.Text == nil) != (slow.Text == nil) || fast.Text != nil && *fast.Text != *slow.Text {
			t.Fatalf("%q: fast %s / %v, json.Unmarshal %s / %v", raw, fast.ID, fast.Text, slow.ID, slow.Text)
		}
		// decoded into a reused buffer (with an earlier line's bytes in
		// it), the same record, the text a view of the buffer
		buf := []byte("stale bytes of an earlier line's text")
		var viaBuf record
		if !decodeRecordText(raw, &viaBuf, &buf) {
			t.Fatalf("%q: decoded alone, not into a buffer", raw)
		}
		if (viaBuf.Text == nil) != (fast.Text == nil) || fast.Text != nil && *viaBuf.Text != *fast.Text {
			t.Fatalf("%q: into a buffer %v, alone %v", raw, viaBuf.Text, fast.Text)
		}
		if viaBuf.Text != nil && len(*viaBuf.Text) > 0 && unsafe.StringData(*viaBuf.Text) != unsafe.SliceData(buf) {
			t.Fatalf("%q: the text is not a view of the buffer", raw)
		}
	})
}

// TestDecodeRecordFastPath: the common lines take the fast path (a test
// that a fallback everywhere would fail).
func TestDecodeRecordFastPath(t *testing.T) {
	for _, s := range recordSeeds[:4] {
		var r record
		if !decodeRecord([]byte(s), &r) {
			t.Errorf("%s: fell back to encoding/json", s)
		}
	}
}

// TestPlainEnd holds the eight-bytes-at-a-time scan to a byte loop, with
// every special byte at every offset of a word and after non-ASCII bytes.
func TestPlainEnd(t *testing.T) {
	naive := func(b []byte, i int) (int, bool) {
		ascii := true
		for ; i < len(b); i++ {
			c := b[i]
			if c == '"' || c == '\\' || c < 0x20 {
				break
			}
			if c >= 0x80 {
				ascii = false
			}
		}
		return i, ascii
	}
	specials := []byte{'"', '\\', 0x00, 0x1f, '\n', 0x20, 0x21, 0x7f, 0x80, 0xff, 0xc3, 0x5b, 0x23}
	for n := 0; n <= 50; n++ {
		for pos := 0; pos < n; pos++ {
			for _, sp := range specials {
				for _, fill := range []byte{'a', 0xa9} {
					b := bytes.Repeat([]byte{fill}, n)
					b[pos] = sp
					for start := 0; start <= n; start++ {
						wk, wa := naive(b, start)
						for _, f := range []func([]byte, int) (int, bool){plainEnd, plainEndGo} {
							gk, ga := f(b, start)
							if gk != wk || ga != wa {
								t.Fatalf("plainEnd(%q, %d) = %d, %v; want %d, %v", b, start, gk, ga, wk, wa)
							}
						}
					}
				}
			}
		}
	}
}

func TestPlainJSONString(t *testing.T) {
	cases := []string{`"reuters:12802"`, `""`, `"a b~"`, `"a\"b"`, `"a\\b"`, `"\u0041"`, `"caf` + "\u00e9" + `"`,
		`"tab` + "\t" + `"`, `"` + "\x7f" + `"`, `"<&>"`, `12`, `null`, `"`, `"a`, `a"`, `"""`}
	r := rand.New(rand.NewPCG(5, 6))
	for n := 0; n < 5000; n++ {
		b := []byte{'"'}
		for k := r.IntN(12); k > 0; k-- {
			b = append(b, byte(r.IntN(256)))
		}
		cases = append(cases, string(append(b, '"')))
	}
	plain := 0
	for _, c := range cases {
		got, ok := plainJSONString([]byte(c))
		if !ok {
			continue
		}
		plain++
		var want string
		if err := json.Unmarshal([]byte(c), &want); err != nil || got != want {
			t.Fatalf("plainJSONString(%q) = %q; json.Unmarshal gives %q, %v", c, got, want, err)
		}
	}
	if plain < 100 {
		t.Fatalf("only %d of the cases were plain strings", plain)
	}
}
