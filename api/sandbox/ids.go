package sandbox

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"time"
)

// crockford is the alphabet of ULIDs, which the server's client ids use
// (cli_01HX2K...).
const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// newClientID returns "cli_" and a ULID: 48 bits of milliseconds, 80 random bits.
func newClientID(at time.Time) string {
	var raw [16]byte
	binary.BigEndian.PutUint64(raw[:8], uint64(at.UnixMilli())<<16)
	rand.Read(raw[6:])
	// 128 bits as 26 base-32 digits, the first carrying only 3 bits.
	hi := binary.BigEndian.Uint64(raw[:8])
	lo := binary.BigEndian.Uint64(raw[8:])
	var out [26]byte
	for i := 25; i >= 0; i-- {
		out[i] = crockford[lo&31]
		lo = lo>>5 | hi<<59
		hi >>= 5
	}
	return "cli_" + string(out[:])
}

// newUUID returns a random (version 4) UUID, the client's primary key.
func newUUID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// newSecret returns a client secret of 256 random bits.
func newSecret() string {
	var b [32]byte
	rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// newToken returns a sandbox personal access token; "sandbox" in it tells anyone
// who finds one that it opens nothing real.
func newToken() string {
	return "flx_pat_sandbox_" + rand.Text()
}
