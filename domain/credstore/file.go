package credstore

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"github.com/flexslot/flexslot-register/domain/secretfile"
	"github.com/flexslot/flexslot-register/internal/filelock"
	"github.com/flexslot/flexslot-register/validate"
)

// fileName is the file of tokens in the config directory: a JSON object of
// API key to token.
const fileName = "tokens.json"

// maxFileBytes caps what is read of the file: a few tokens are far below it.
const maxFileBytes = 1 << 16

func (s *Store) path() string { return filepath.Join(s.dir, fileName) }

// fileLoad returns the token the file keeps for key.
func (s *Store) fileLoad(key string) (string, error) {
	tokens, err := s.readFile()
	if err != nil {
		return "", err
	}
	token, ok := tokens[key]
	if !ok {
		return "", ErrNotFound
	}
	if validate.Token(token) != nil {
		return "", fmt.Errorf("%s holds something that is not a token for %s: run logout, then login", s.path(), key)
	}
	return token, nil
}

// fileLock takes the file's lock (internal/filelock), making its directory
// first: a save or a delete reads the file, changes it and writes it whole,
// and two runs at once (two logins for two APIs) must not lose one's token.
func (s *Store) fileLock() (unlock func(), err error) {
	if err := os.MkdirAll(s.dir, 0o700); err != nil {
		return nil, err
	}
	return filelock.Lock(s.path() + ".lock")
}

// fileSave keeps token for key in the file, with the others it holds.
func (s *Store) fileSave(key, token string) error {
	unlock, err := s.fileLock()
	if err != nil {
		return err
	}
	defer unlock()
	tokens, err := s.readFile()
	if err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	if tokens == nil {
		tokens = map[string]string{}
	}
	tokens[key] = token
	return s.writeFile(tokens)
}

// fileDelete takes key's token out of the file, and the file away when it
// holds no other; found says whether it was there.
func (s *Store) fileDelete(key string) (found bool, err error) {
	unlock, err := s.fileLock()
	if err != nil {
		return false, err
	}
	defer unlock()
	tokens, err := s.readFile()
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if _, found = tokens[key]; !found {
		return false, nil
	}
	delete(tokens, key)
	if len(tokens) == 0 {
		return true, os.Remove(s.path())
	}
	return true, s.writeFile(tokens)
}

// readFile reads the file's tokens; ErrNotFound when there is no file. A file
// other users may read is refused: its token may have leaked, and using it
// would hide that.
func (s *Store) readFile() (map[string]string, error) {
	f, err := os.Open(s.path())
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if runtime.GOOS != "windows" && info.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("%s can be read by other users (mode %04o): revoke its token on flexslot.gg, remove the file and log in again", s.path(), info.Mode().Perm())
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxFileBytes {
		return nil, fmt.Errorf("%s is larger than a file of tokens can be", s.path())
	}
	var tokens map[string]string
	if err := json.Unmarshal(data, &tokens); err != nil {
		return nil, fmt.Errorf("%s is not a file of tokens (remove it and log in again)", s.path())
	}
	return tokens, nil
}

// writeFile writes tokens as the file, readable by its owner only from its
// creation and whole or not at all (secretfile.SaveNew), in a directory of
// the user's own.
func (s *Store) writeFile(tokens map[string]string) error {
	if err := os.MkdirAll(s.dir, 0o700); err != nil {
		return err
	}
	data, err := json.MarshalIndent(tokens, "", "  ")
	if err != nil {
		return err
	}
	_, err = secretfile.SaveNew(s.path(), string(data)+"\n", true)
	return err
}
