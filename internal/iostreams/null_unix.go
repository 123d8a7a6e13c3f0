//go:build unix

package iostreams

import "os"

// isNullDevice reports whether f is the null device: `> /dev/null`, or a
// stdout closed at start (`>&-`), which the Go runtime opens on it.
func isNullDevice(f *os.File) bool {
	got, err := f.Stat()
	if err != nil {
		return false
	}
	null, err := os.Stat(os.DevNull)
	return err == nil && os.SameFile(got, null)
}
