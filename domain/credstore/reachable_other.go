//go:build !unix || darwin

package credstore

import "runtime"

// keychainName names the system keychain for a person.
var keychainName = map[string]string{"darwin": "Keychain", "windows": "Credential Manager"}[runtime.GOOS]

// keychainReachable reports whether the system keychain can be asked: on
// macOS and Windows it is always there.
func keychainReachable() bool { return runtime.GOOS == "darwin" || runtime.GOOS == "windows" }
