//go:build unix && !darwin

package credstore

import (
	"os"
	"path/filepath"
	"strconv"
)

// keychainName names the system keychain for a person.
const keychainName = "Secret Service"

// keychainReachable reports whether a D-Bus session bus is there to ask for
// the Secret Service. Without one, go-keyring's D-Bus library would start one
// (dbus-launch), leaving a daemon behind every run; the file is used instead.
func keychainReachable() bool {
	if addr := os.Getenv("DBUS_SESSION_BUS_ADDRESS"); addr != "" && addr != "autolaunch:" {
		return true
	}
	// Where the library finds a session bus without the variable.
	_, err := os.Stat(filepath.Join("/run/user", strconv.Itoa(os.Getuid()), "bus"))
	return err == nil
}
