package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/flexslot/flexslot-register/api"
)

// stateVersion is the state file's format; a file of another one is set
// aside, as a damaged one is.
const stateVersion = 1

// maxStateBytes is the largest state file read: far beyond what a person
// registers by hand, and a bound on what a damaged file costs.
const maxStateBytes = 64 << 20

// savedState is what the state file holds: the partner's token, its
// clients, the SHA-256 of each confidential client's secret (never the
// secret), the OAuth tokens issued, by their SHA-256 (never the token), and
// the scope requests. Authorization codes, consent pages and DPoP's
// nonces and proofs live a few minutes and stay in memory.
type savedState struct {
	Version       int                   `json:"version"`
	Token         string                `json:"token"`
	Clients       []api.OAuth2Client    `json:"clients"`
	SecretHashes  map[string]string     `json:"secret_sha256"`
	Tokens        map[string]savedToken `json:"tokens_by_sha256"`
	ScopeRequests []api.ScopeRequest    `json:"scope_requests"`
}

// savedToken is an issued token in the state file.
type savedToken struct {
	ClientID string    `json:"client_id"`
	Scope    string    `json:"scope"`
	Grant    string    `json:"grant"`
	Refresh  bool      `json:"refresh,omitempty"`
	Expires  time.Time `json:"expires"`
	Revoked  bool      `json:"revoked,omitempty"`
	JKT      string    `json:"jkt,omitempty"`
}

// errDamaged is a state file that cannot be read as one.
var errDamaged = errors.New("damaged")

// readState reads the state file at path: the zero state when there is
// none, errDamaged (wrapped with why) when it is not a state file.
func readState(path string) (savedState, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return savedState{}, nil
	}
	if err != nil {
		return savedState{}, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxStateBytes+1))
	if err != nil {
		return savedState{}, err
	}
	if len(data) > maxStateBytes {
		return savedState{}, fmt.Errorf("%w: larger than %d MiB", errDamaged, maxStateBytes>>20)
	}
	var st savedState
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&st); err != nil {
		return savedState{}, fmt.Errorf("%w: %v", errDamaged, err)
	}
	if dec.More() {
		return savedState{}, fmt.Errorf("%w: more than one JSON value", errDamaged)
	}
	if st.Version != stateVersion {
		return savedState{}, fmt.Errorf("%w: format version %d, this flexslot-register reads %d", errDamaged, st.Version, stateVersion)
	}
	return st, nil
}

// writeState replaces the state file whole: a temporary file beside it,
// synced, then renamed over it, so that a reader (another run) finds the
// old state or the new one, never half of one, and a crash leaves one of
// them. The file is the user's alone (0600): it holds the sandbox's token.
func writeState(path string, st savedState) error {
	st.Version = stateVersion
	data, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // gone after the rename; a leftover otherwise
	_, err = tmp.Write(append(data, '\n'))
	if err == nil {
		err = tmp.Chmod(0o600)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if closeErr := tmp.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// syncDir makes a rename in dir durable where the system allows it
// (Windows opens no directory: nothing to do there).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// setAside renames a damaged state file out of the way, with the time in
// its name, and returns the new name: kept for a person to look at, never
// read again.
func setAside(path string) (string, error) {
	aside := path + ".damaged-" + time.Now().UTC().Format("20060102T150405.000000000Z")
	return aside, os.Rename(path, aside)
}
