//go:build !unix

package iostreams

import "os"

// isNullDevice is false where the null device cannot be told apart: on
// Windows, os.SameFile finds every pipe and console the same as NUL (their
// file index is zero), so a check there would refuse `--json | jq`.
func isNullDevice(*os.File) bool { return false }
