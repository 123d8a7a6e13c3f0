package sandbox

import (
	"crypto/sha256"
	"sync"
	"time"
)

// What the sandbox remembers of DPoP between requests: the proofs it took,
// so that none is taken twice (RFC 9449 §11.1), and the nonces it gave
// (§8). Each has its own lock: a proof is checked before the token state is
// locked, and outside it.

// nonceLifetime is how long a nonce the sandbox gave stays good: long enough
// for a sign-in, short enough that a proof made with it is recent (§8).
const nonceLifetime = 5 * time.Minute

// dpopState is the DPoP memory of one sandbox; its zero value is ready.
type dpopState struct {
	replay proofReplay
	nonces serverNonces
}

// proofReplay holds the jti of each proof taken, until its iat leaves the
// window and the proof would be refused anyway. It keeps a jti's hash, not
// the jti: a client chooses its length.
type proofReplay struct {
	mu        sync.Mutex
	seen      map[[sha256.Size]byte]time.Time
	nextSweep time.Time
}

// firstUse records jti until until and reports whether it was new.
func (p *proofReplay) firstUse(jti string, until time.Time) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	at := time.Now()
	if p.seen == nil {
		p.seen = map[[sha256.Size]byte]time.Time{}
	}
	if at.After(p.nextSweep) {
		for k, end := range p.seen {
			if at.After(end) {
				delete(p.seen, k)
			}
		}
		p.nextSweep = at.Add(proofWindow)
	}
	key := sha256.Sum256([]byte(jti))
	if end, ok := p.seen[key]; ok && !at.After(end) {
		return false
	}
	p.seen[key] = until
	return true
}

// serverNonces are the nonces the sandbox gave, each good until it expires,
// by any number of proofs: each proof's jti is still single-use.
type serverNonces struct {
	mu     sync.Mutex
	issued map[string]time.Time
}

// fresh gives a new nonce, and forgets the expired ones.
func (n *serverNonces) fresh() string {
	nonce := randomString(16)
	n.mu.Lock()
	defer n.mu.Unlock()
	at := time.Now()
	if n.issued == nil {
		n.issued = map[string]time.Time{}
	}
	for k, end := range n.issued {
		if at.After(end) {
			delete(n.issued, k)
		}
	}
	n.issued[nonce] = at.Add(nonceLifetime)
	return nonce
}

// valid reports whether nonce is one the sandbox gave and still good.
func (n *serverNonces) valid(nonce string) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	end, ok := n.issued[nonce]
	return ok && !time.Now().After(end)
}
